# Shared by scripts/fault-*: starts the services a suite needs (those not already up), builds the tests, runs one
# suite's tests at the trial count the caller exported (PDM_FAULT_TRIALS, ...) and prints its figures and a
# verdict; stops what it started.   Usage (sourced): fault_suite FILTER SERVICE...
fault_suite() {
  local filter=$1; shift
  cd "$(dirname "${BASH_SOURCE[0]}")/../.."
  scripts/setup >/dev/null
  export PDM_VENV="${PDM_VENV:-$PWD/.venv}"
  FAULT_STARTED=()
  mkdir -p .services
  for s in "$@"; do
    [ -f ".services/$s.env" ] || FAULT_STARTED+=("$s")
    scripts/services/"$s" start >/dev/null
  done
  trap 'for s in "${FAULT_STARTED[@]}"; do scripts/services/"$s" stop >/dev/null || true; done' EXIT
  set -a
  for s in "$@"; do . ".services/$s.env"; done
  set +a
  swift build --build-tests >/dev/null
  local log rc
  log=$(mktemp)
  set +e
  swift test --skip-build --filter "$filter" >"$log" 2>&1
  rc=$?
  set -e
  # The figures ("name: value" lines under a title) and any failed expectation.
  grep -vE '^(◇|↳)|started\.$|^Test Suite|Executed [0-9]+ tests|^\[|Testing Library|Target Platform' "$log" || true
  rm -f "$log"
  if [ "$rc" -eq 0 ]; then echo "verdict: pass"; else echo "verdict: FAIL (swift test exit $rc)"; return 1; fi
}
