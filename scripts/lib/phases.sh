# Sourced by scripts/test: named phases, in the foreground or beside it, and a table of their times at the end.
#   phase NAME CMD...       runs CMD, records its time
#   phase_bg NAME CMD...    starts CMD beside the script, its output in .ci-logs/NAME.log (NAME made safe)
#   phase_wait NAME         waits for it; on failure prints its log's tail and fails
#   phase_report            the table (scripts/test calls it on exit, failure or not)
phase_names=()
phase_times=()
phase_results=()
declare -A phase_pids=() phase_starts=()
phase_t0=$(date +%s)

phase_record() { phase_names+=("$1"); phase_times+=("$2"); phase_results+=("$3"); }
# A phase's log file: its name with anything but letters and digits as '-'.
phase_log() { local n=${1//[^A-Za-z0-9]/-}; echo ".ci-logs/${n%-}.log"; }

phase() {
  local name=$1 start rc=0; shift
  start=$(date +%s)
  echo "== $name"
  "$@" || rc=$?
  phase_record "$name" $(($(date +%s) - start)) "$([ $rc = 0 ] && echo ok || echo "FAILED ($rc)")"
  return $rc
}

phase_bg() {
  local name=$1; shift
  mkdir -p .ci-logs
  echo "== $name (beside the rest; log $(phase_log "$name"))"
  phase_starts[$name]=$(date +%s)
  "$@" >"$(phase_log "$name")" 2>&1 &
  phase_pids[$name]=$!
}

phase_wait() {
  local name=$1 rc=0
  wait "${phase_pids[$name]}" || rc=$?
  unset "phase_pids[$name]"
  phase_record "$name" $(($(date +%s) - ${phase_starts[$name]})) "$([ $rc = 0 ] && echo ok || echo "FAILED ($rc)")"
  if [ $rc != 0 ]; then
    echo "== $name failed ($rc); the end of $(phase_log "$name"):" >&2
    tail -40 "$(phase_log "$name")" >&2
  else
    tail -5 "$(phase_log "$name")"
  fi
  return $rc
}

phase_report() {
  local i pid
  for pid in "${phase_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  echo
  echo "phases (wall seconds; phases marked * ran beside others):"
  for i in "${!phase_names[@]}"; do
    printf '  %-28s %6ss  %s\n' "${phase_names[$i]}" "${phase_times[$i]}" "${phase_results[$i]}"
  done
  printf '  %-28s %6ss\n' "total" $(($(date +%s) - phase_t0))
}
