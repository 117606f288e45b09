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
repo="$(cd "$(dirname "$0")/../.." && pwd)"
pg_bin=/usr/lib/postgresql/15/bin
work="$(mktemp -d /tmp/proxy-bench.XXXXXX)"
pids=()

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

echo "building toxiproxy-server and ProxyBench (Release)..." >&2
dotnet build -c Release -v q "$repo/toxics/server" >/dev/null
dotnet build -c Release -v q "$repo/bench/proxy/ProxyBench" >/dev/null

# PostgreSQL with its default durability (fsync on); each pgbench run picks synchronous_commit itself. Password
# auth with a per-run password.
pg_port="$(free_port)"; pg_password="$(password)"
mkdir -p "$work/pg"; chmod 755 "$work"; chown postgres:postgres "$work/pg"
printf '%s\n' "$pg_password" > "$work/pg.pw"; chown postgres "$work/pg.pw"; chmod 600 "$work/pg.pw"
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; }
as_postgres "$pg_bin/initdb" -D "$work/pg/data" -U bench --auth=scram-sha-256 --pwfile="$work/pg.pw" >/dev/null
as_postgres "$pg_bin/postgres" -D "$work/pg/data" -p "$pg_port" -k "$work/pg" -c listen_addresses=127.0.0.1 \
  -c max_connections=100 >"$work/pg.log" 2>&1 &
pids+=($!)
export PGPASSWORD="$pg_password"
wait_until "$pg_bin/pg_isready" -h 127.0.0.1 -p "$pg_port"
pgbench -h 127.0.0.1 -p "$pg_port" -U bench -i -s 10 -q postgres >/dev/null 2>&1

# Redis: no persistence, per-run password.
redis_port="$(free_port)"; redis_password="$(password)"
redis-server --bind 127.0.0.1 --port "$redis_port" --requirepass "$redis_password" --save '' --appendonly no \
  --dir "$work" >"$work/redis.log" 2>&1 &
pids+=($!)
wait_until env REDISCLI_AUTH="$redis_password" redis-cli -p "$redis_port" ping

# The proxy: the standalone server, as a separate process like a real toxiproxy-server.
api_port="$(free_port)"; api="http://127.0.0.1:$api_port"
env ${PROXY_ENV:-} dotnet "$repo/toxics/server/bin/Release/net10.0/toxiproxy-server.dll" --port "$api_port" >"$work/proxy.log" 2>&1 &
proxy_pid=$!
pids+=("$proxy_pid")
wait_until curl -sf "$api/version"
proxy_port() {
  curl -sf -X POST "$api/proxies" -d "{\"name\":\"$1\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:$2\"}" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["listen"].rsplit(":", 1)[1])'
}
pg_proxy="$(proxy_port postgres "$pg_port")"
redis_proxy="$(proxy_port redis "$redis_port")"

# CPU time (user + system, in clock ticks) the proxy process has used: a cost per request that does not depend on
# how busy the machine is, unlike the throughput ratios.
proxy_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$proxy_pid/stat"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
pgbench_tps() { # $1 port, $2 synchronous_commit: on waits for the disk at every commit, off does not (CPU-bound)
  PGOPTIONS="-c synchronous_commit=$2" pgbench -h 127.0.0.1 -p "$1" -U bench -c 8 -j 2 -T "$pg_seconds" -n postgres 2>/dev/null \
    | awk '/^tps/ { print $3; exit }'
}
redis_rps() { # $1 port, $2 test, $3 pipeline depth: prints requests per second
  redis-benchmark -h 127.0.0.1 -p "$1" -a "$redis_password" -t "$2" -n 200000 -c 50 -P "$3" -q 2>/dev/null \
    | tr '\r' '\n' | awk -F'[: ]+' '/requests per second/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) { print $i; exit } }' | tail -1
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; nice ${BENCH_NICE:-0}" >&2
declare -A results
for round in $(seq "$rounds"); do
  echo "round $round of $rounds..." >&2
  for commit in off on; do
    results[pg_${commit}_direct]+="$(pgbench_tps "$pg_port" $commit) "
    results[pg_${commit}_proxy]+="$(pgbench_tps "$pg_proxy" $commit) "
  done
  for test in get set; do
    results[${test}_direct]+="$(redis_rps "$redis_port" "$test" 1) "
    cpu_before="$(proxy_cpu_ticks)"
    results[${test}_proxy]+="$(redis_rps "$redis_proxy" "$test" 1) "
    results[cpu_ticks]=$(( ${results[cpu_ticks]:-0} + $(proxy_cpu_ticks) - cpu_before ))
    results[cpu_requests]=$(( ${results[cpu_requests]:-0} + 200000 ))
    results[${test}_direct_pipelined]+="$(redis_rps "$redis_port" "$test" 16) "
    results[${test}_proxy_pipelined]+="$(redis_rps "$redis_proxy" "$test" 16) "
  done
done

row() { # label, direct values, proxied values (one per round, in the same order), target
  local direct proxied ratio
  direct="$(tr ' ' '\n' <<<"$2" | grep . | median)"
  proxied="$(tr ' ' '\n' <<<"$3" | grep . | median)"
  # Each round runs direct and proxied back to back: the median of the per-round ratios shrugs off load swings.
  ratio="$(paste <(tr ' ' '\n' <<<"$2" | grep .) <(tr ' ' '\n' <<<"$3" | grep .) | awk '{ print 100 * $2 / $1 }' | median)"
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
awk -v t="${results[cpu_ticks]}" -v n="${results[cpu_requests]}" -v hz="$(getconf CLK_TCK)" \
  'BEGIN { printf "proxy CPU per redis request (unpipelined GET and SET): %.1f us\n", 1e6 * t / hz / n }'
echo
dotnet "$repo/bench/proxy/ProxyBench/bin/Release/net10.0/ProxyBench.dll" "$api" bulk 1024 "$rounds"
dotnet "$repo/bench/proxy/ProxyBench/bin/Release/net10.0/ProxyBench.dll" "$api" latency 200
