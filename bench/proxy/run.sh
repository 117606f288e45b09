#!/usr/bin/env bash
# The proxy with no toxic versus direct, side by side in one run, on loopback:
#   pgbench TPS (PostgreSQL), redis-benchmark GET/SET requests/s (Redis), bulk MB/s, and the accuracy of a
#   100 ms latency toxic. PostgreSQL, Redis and toxiproxy-server are throwaway child processes of this script,
#   on free loopback ports with per-run passwords; everything is stopped and deleted on exit.
# Usage: [BENCH_NICE=-10] bash bench/proxy/run.sh [rounds=3] [pgbench seconds=15]
#   BENCH_NICE  on a shared machine, runs this script and every process it starts at that nice value (root), so
#               both sides of each comparison get the CPU a quiet machine would give them.
set -euo pipefail
if [[ -n "${BENCH_NICE:-}" ]]; then renice -n "$BENCH_NICE" -p $$ >/dev/null; fi

rounds="${1:-3}"
pg_seconds="${2:-15}"
source "$(dirname "$0")/servers.sh"

echo "building toxiproxy-server and ProxyBench (Release)..." >&2
dotnet build -c Release -v q "$repo/toxics/server" >/dev/null
dotnet build -c Release -v q "$repo/bench/proxy/ProxyBench" >/dev/null
start_servers

start_toxiproxy_server
pg_proxy="$(proxy_port postgres "$pg_port")"
redis_proxy="$(proxy_port redis "$redis_port")"

# CPU time (user + system, clock ticks) a process has used, with its reaped children (PostgreSQL's backends):
# unlike throughput on a shared machine, the CPU each side spends per operation does not depend on the load.
cpu_ticks() { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$1/stat"; }
declare -A results

# Runs one benchmark ($1 key, e.g. get_proxy; $2 server pid; $3 operations extractor; then the command), records
# its rate in results[key] and, in cpu.log, the operations and the CPU of the client, the server and the proxy.
measured() {
  local key="$1" server="$2" extract="$3" server_before proxy_before rate operations client
  shift 3
  server_before="$(cpu_ticks "$server")"; proxy_before="$(cpu_ticks "$proxy_pid")"
  { TIMEFORMAT='%3U %3S'; time "$@" >"$work/out" 2>/dev/null; } 2>"$work/time"
  sleep 0.3 # the postmaster reaps the backends that pgbench leaves, so their CPU is counted
  read -r rate operations < <("$extract" "$work/out")
  client="$(awk -v hz="$(getconf CLK_TCK)" '{ print ($1 + $2) * hz }' "$work/time")"
  results[$key]+="$rate "
  echo "$key $operations $client $(( $(cpu_ticks "$server") - server_before )) $(( $(cpu_ticks "$proxy_pid") - proxy_before ))" >>"$work/cpu.log"
}
pgbench_figures() { awk '/^tps/ { tps = $3 } /actually processed/ { split($NF, n, "/"); done = n[1] } END { print tps, done }' "$1"; }
redis_figures() { echo "$(redis_rps <"$1") 200000"; } # redis-benchmark runs 200000 requests
pgbench_run() { # $1 key, $2 port, $3 synchronous_commit: on waits for the disk at every commit, off does not (CPU-bound)
  measured "$1" "$pg_pid" pgbench_figures env PGOPTIONS="-c synchronous_commit=$3" \
    pgbench -h 127.0.0.1 -p "$2" -U bench -c 8 -j 2 -T "$pg_seconds" -n postgres
}
redis_run() { # $1 key, $2 port, $3 test, $4 pipeline depth
  measured "$1" "$redis_pid" redis_figures \
    redis-benchmark -h 127.0.0.1 -p "$2" -a "$redis_password" -t "$3" -n 200000 -c 50 -P "$4" -q
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; nice ${BENCH_NICE:-0}" >&2
for round in $(seq "$rounds"); do
  echo "round $round of $rounds..." >&2
  for commit in off on; do
    pgbench_run "pg_${commit}_direct" "$pg_port" "$commit"
    pgbench_run "pg_${commit}_proxy" "$pg_proxy" "$commit"
  done
  for test in get set; do
    redis_run "${test}_direct" "$redis_port" "$test" 1
    redis_run "${test}_proxy" "$redis_proxy" "$test" 1
    redis_run "${test}_direct_pipelined" "$redis_port" "$test" 16
    redis_run "${test}_proxy_pipelined" "$redis_proxy" "$test" 16
  done
done

row() { # label, direct values, proxied values (one per round, in the same order), target
  local direct proxied ratio
  direct="$(median <<<"$2")"
  proxied="$(median <<<"$3")"
  ratio="$(ratio_median "$2" "$3")"
  printf '| %s | %.0f | %.0f | %.1f %% | %s | direct: %s; proxy: %s |\n' "$1" "$direct" "$proxied" "$ratio" "$4" "${2% }" "${3% }"
}

echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; nice ${BENCH_NICE:-0}; proxy environment: ${PROXY_ENV:-default}"
echo "pgbench: -c 8 -j 2 -T $pg_seconds, TPC-B, scale 10; redis-benchmark: -c 50 -n 200000"
echo "| measure (median of $rounds rounds) | direct | through proxy | ratio (median of per-round ratios) | target | rounds |"
echo "|---|---|---|---|---|---|"
row "pgbench TPS, commits not waiting for the disk (synchronous_commit=off, as the harness runs it)" "${results[pg_off_direct]}" "${results[pg_off_proxy]}" "≥ 90 %"
row "pgbench TPS, PostgreSQL defaults (synchronous_commit=on, fsync on)" "${results[pg_on_direct]}" "${results[pg_on_proxy]}" "≥ 90 %"
row "redis-benchmark GET requests/s" "${results[get_direct]}" "${results[get_proxy]}" "≥ 80 %"
row "redis-benchmark SET requests/s" "${results[set_direct]}" "${results[set_proxy]}" "≥ 80 %"
row "redis-benchmark GET requests/s, pipelined (-P 16)" "${results[get_direct_pipelined]}" "${results[get_proxy_pipelined]}" "-"
row "redis-benchmark SET requests/s, pipelined (-P 16)" "${results[set_direct_pipelined]}" "${results[set_proxy_pipelined]}" "-"
echo
echo "| CPU per operation (all rounds) | client + server, direct | client + server, through proxy | proxy | ratio if CPU-bound |"
echo "|---|---|---|---|---|"
awk -v hz="$(getconf CLK_TCK)" '
  { key = $1; sub(/_(direct|proxy)/, "", key); side = ($1 ~ /_direct/) ? "direct" : "proxy"
    ops[key, side] += $2; app[key, side] += $3 + $4; proxy[key, side] += $5; keys[key] = 1 }
  END { for (key in keys) {
      d = 1e6 * app[key, "direct"] / hz / ops[key, "direct"]; a = 1e6 * app[key, "proxy"] / hz / ops[key, "proxy"]
      p = 1e6 * proxy[key, "proxy"] / hz / ops[key, "proxy"]
      printf "| %s | %.1f us | %.1f us | %.1f us | %.0f %% |\n", key, d, a, p, 100 * d / (a + p) } }' "$work/cpu.log" | sort
echo
dotnet "$repo/bench/proxy/ProxyBench/bin/Release/net10.0/ProxyBench.dll" "$api" bulk 1024 "$rounds"
dotnet "$repo/bench/proxy/ProxyBench/bin/Release/net10.0/ProxyBench.dll" "$api" latency 200
