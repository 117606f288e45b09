# Sourced by the proxy benchmarks: a throwaway work folder, PostgreSQL (pgbench-initialised, scale 10) and Redis
# as child processes on free loopback ports with per-run passwords, and a cleanup that stops and deletes them.
# Set app_core=(taskset -c N) before start_servers to pin the servers; taskset execs, so $! stays the server's pid.
# Provides: work, pids, repo, pg_bin, pg_pid, pg_port, redis_pid, redis_port, redis_password, PGPASSWORD;
#           free_port, password, wait_until, median, start_servers.

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
pg_bin=/usr/lib/postgresql/15/bin
work="$(mktemp -d /tmp/proxy-bench.XXXXXX)"
pids=()
[[ -v app_core ]] || app_core=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
password() { head -c 18 /dev/urandom | base64 | tr -d '/+='; }
wait_until() { for _ in $(seq 100); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "timed out: $*" >&2; return 1; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

start_servers() {
  # PostgreSQL with its default durability (fsync on); each pgbench run picks synchronous_commit itself.
  pg_port="$(free_port)"
  local pg_password
  pg_password="$(password)"
  mkdir -p "$work/pg"; chmod 755 "$work"; chown postgres:postgres "$work/pg"
  printf '%s\n' "$pg_password" > "$work/pg.pw"; chown postgres "$work/pg.pw"; chmod 600 "$work/pg.pw"
  setpriv --reuid=postgres --regid=postgres --init-groups -- \
    "$pg_bin/initdb" -D "$work/pg/data" -U bench --auth=scram-sha-256 --pwfile="$work/pg.pw" >/dev/null
  "${app_core[@]}" setpriv --reuid=postgres --regid=postgres --init-groups -- "$pg_bin/postgres" -D "$work/pg/data" \
    -p "$pg_port" -k "$work/pg" -c listen_addresses=127.0.0.1 -c max_connections=100 >"$work/pg.log" 2>&1 &
  pg_pid=$!
  pids+=("$pg_pid")
  export PGPASSWORD="$pg_password"
  wait_until "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port"
  pgbench -h 127.0.0.1 -p "$pg_port" -U bench -i -s 10 -q postgres >/dev/null 2>&1

  # Redis: no persistence, per-run password.
  redis_port="$(free_port)"; redis_password="$(password)"
  "${app_core[@]}" redis-server --bind 127.0.0.1 --port "$redis_port" --requirepass "$redis_password" --save '' \
    --appendonly no --dir "$work" >"$work/redis.log" 2>&1 &
  redis_pid=$!
  pids+=("$redis_pid")
  wait_until env REDISCLI_AUTH="$redis_password" redis-cli -p "$redis_port" ping
}
