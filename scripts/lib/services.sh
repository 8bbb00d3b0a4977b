# Shared by scripts/services/*: a free port on 127.0.0.1 and stopping a server by its PID.

# A port nothing listens on right now (the kernel picks it; the server binds it a moment later).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Whether PID (may be empty) is a live process.
pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# stop_pid PID [SECONDS]: SIGTERM, wait up to SECONDS (default 5) for it to exit, then SIGKILL.
stop_pid() {
  local pid="${1:-}" wait="${2:-5}" i
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < wait * 10; i++)); do pid_alive "$pid" || return 0; sleep 0.1; done
  echo "pid $pid ignored SIGTERM for $wait s; sending SIGKILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do pid_alive "$pid" || return 0; sleep 0.1; done
}
