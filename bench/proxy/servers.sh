# Sourced by the proxy benchmarks: PostgreSQL (pgbench-initialised, scale 10) and Redis as child processes on free
# loopback ports with per-run passwords, the standalone toxiproxy-server, and how to read redis-benchmark.
# Set app_core / proxy_core=(taskset -c N) before starting to pin the servers / the proxy (taskset execs, so $!
# stays the process's own pid for the cleanup).
# Provides (besides bench/lib.sh): repo, pg_bin, pg_pid, pg_port, redis_pid, redis_port, redis_password,
# PGPASSWORD, api, proxy_pid; start_servers, start_toxiproxy_server, proxy_port, redis_rps.

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
pg_bin=/usr/lib/postgresql/15/bin
source "$repo/bench/lib.sh"
require_commands pgbench:postgresql redis-server:redis-server redis-benchmark:redis-tools python3:python3
[[ -v app_core ]] || app_core=()
[[ -v proxy_core ]] || proxy_core=()

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

# The standalone toxiproxy-server (Release build), as a separate process like a real one; PROXY_ENV adds variables.
start_toxiproxy_server() {
  local api_port
  api_port="$(free_port)"; api="http://127.0.0.1:$api_port"
  "${proxy_core[@]}" env ${PROXY_ENV:-} dotnet "$repo/toxics/server/bin/Release/net10.0/toxiproxy-server.dll" \
    --port "$api_port" >"$work/proxy.log" 2>&1 &
  proxy_pid=$!
  pids+=("$proxy_pid")
  wait_until curl -sf "$api/version"
}

# Creates a proxy ($1 name) to 127.0.0.1:$2 on a free port and prints that port.
proxy_port() {
  curl -sf -X POST "$api/proxies" -d "{\"name\":\"$1\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:$2\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["listen"].rsplit(":", 1)[1])'
}

# The last "requests per second" figure of redis-benchmark's output on stdin.
redis_rps() {
  tr '\r' '\n' | awk -F'[: ]+' '/requests per second/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) { rps = $i; break } } END { print rps }'
}
