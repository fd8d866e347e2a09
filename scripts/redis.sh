#!/usr/bin/env bash
# A throwaway redis-server for tests and CI: on 127.0.0.1 only, on a free port, without
# persistence (no RDB snapshots, no AOF), daemonized, its files in a folder of the caller's.
#
#   scripts/redis.sh start DIR   starts it; prints its URL (redis://127.0.0.1:PORT) on stdout
#   scripts/redis.sh stop DIR    stops the server started with that DIR (no error when none runs)
#
# Needs Debian's redis-server (apt-get install redis-server); exits 3 when it is missing.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}

[ $# -eq 2 ] || usage
cmd=$1
dir=$2

free_port() {
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

# PING over bash's /dev/tcp, so redis-cli is not needed.
answers() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'PING\r\n' >&3
    reply=""
    read -r -t 1 reply <&3 || true
    [ "${reply%$'\r'}" = "+PONG" ]
  ) 2>/dev/null
}

stop() {
  local pidfile="$dir/redis.pid" pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

case "$cmd" in
  start)
    if ! command -v redis-server >/dev/null 2>&1; then
      echo "redis-server is not installed (Debian: apt-get install redis-server)" >&2
      exit 3
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    for _ in 1 2 3; do
      port=$(free_port)
      redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes \
        --save "" --appendonly no --dir "$dir" \
        --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
      for _ in $(seq 50); do
        if answers "$port"; then
          echo "redis://127.0.0.1:$port"
          exit 0
        fi
        sleep 0.1
      done
      # Most likely someone took the port in between: stop what may be left, try another.
      stop
    done
    echo "redis-server did not answer on 127.0.0.1; its log:" >&2
    tail -n 20 "$dir/redis.log" >&2 || true
    exit 1
    ;;
  stop)
    stop
    ;;
  *)
    usage
    ;;
esac
