#!/usr/bin/env bash
# What any user-space TCP proxy costs on this machine: redis-benchmark and pgbench direct, through our
# toxiproxy-server and through HAProxy 2.6 (tcp mode, one thread, splice where the kernel allows it), side by side
# in each round. HAProxy is the reference for "as cheap as a user-space hop gets"; if it misses the targets too, the
# gap is the extra kernel TCP hop, not our proxy's code.
# Usage: [SPLIT_CORES=1] bash bench/proxy/reference.sh [rounds=3] [pgbench seconds=8]   (installs haproxy when missing)
#   SPLIT_CORES=1  pins the servers and the benchmark clients to core 0 and both proxies to core 1: what a proxy
#                  costs when it has a core of its own instead of taking CPU from the client and the server.
set -euo pipefail

rounds="${1:-3}"
pg_seconds="${2:-8}"
# Command prefixes (taskset execs, so $! stays the process's own pid for the cleanup).
app_core=(); proxy_core=()
if [[ -n "${SPLIT_CORES:-}" ]]; then app_core=(taskset -c 0); proxy_core=(taskset -c 1); fi
source "$(dirname "$0")/servers.sh"

require_commands haproxy:haproxy
dotnet build -c Release -v q "$repo/toxics/server" >/dev/null
start_servers

start_toxiproxy_server
declare -A port=([pg_direct]="$pg_port" [redis_direct]="$redis_port")
port[pg_ours]="$(proxy_port postgres "$pg_port")"
port[redis_ours]="$(proxy_port redis "$redis_port")"

port[pg_haproxy]="$(free_port)"; port[redis_haproxy]="$(free_port)"
cat >"$work/haproxy.cfg" <<EOF
global
  nbthread 1
defaults
  mode tcp
  timeout connect 5s
  timeout client 1m
  timeout server 1m
listen postgres
  bind 127.0.0.1:${port[pg_haproxy]}
  server pg 127.0.0.1:$pg_port
listen redis
  bind 127.0.0.1:${port[redis_haproxy]}
  server redis 127.0.0.1:$redis_port
EOF
"${proxy_core[@]}" haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
pids+=("$!")
wait_until env REDISCLI_AUTH="$redis_password" redis-cli -p "${port[redis_haproxy]}" ping

declare -A results
paths=(direct ours haproxy)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
for round in $(seq "$rounds"); do
  echo "round $round of $rounds..." >&2
  for path in "${paths[@]}"; do
    results[pg_$path]+="$(PGOPTIONS='-c synchronous_commit=off' "${app_core[@]}" pgbench -h 127.0.0.1 -p "${port[pg_$path]}" -U bench \
      -c 8 -j 2 -T "$pg_seconds" -n postgres 2>/dev/null | awk '/^tps/ { print $3 }') "
    for test in get set; do
      results[${test}_$path]+="$("${app_core[@]}" redis-benchmark -h 127.0.0.1 -p "${port[redis_$path]}" -a "$redis_password" -t "$test" \
        -n 200000 -c 50 -q 2>/dev/null | redis_rps) "
    done
  done
done

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); cores: $([[ -n "${SPLIT_CORES:-}" ]] && echo "servers and clients on core 0, proxies on core 1" || echo shared); pgbench -c 8 -j 2 -T $pg_seconds synchronous_commit=off; redis-benchmark -c 50 -n 200000"
echo "| measure (median of $rounds rounds) | direct | toxiproxy-server (ours) | HAProxy 2.6 | ours / direct | HAProxy / direct |"
echo "|---|---:|---:|---:|---:|---:|"
for measure in pg get set; do
  d="$(median <<<"${results[${measure}_direct]}")"
  o="$(median <<<"${results[${measure}_ours]}")"
  h="$(median <<<"${results[${measure}_haproxy]}")"
  printf '| %s | %.0f | %.0f | %.0f | %.1f %% | %.1f %% |\n' "$measure" "$d" "$o" "$h" \
    "$(ratio_median "${results[${measure}_direct]}" "${results[${measure}_ours]}")" \
    "$(ratio_median "${results[${measure}_direct]}" "${results[${measure}_haproxy]}")"
done
