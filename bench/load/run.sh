#!/usr/bin/env bash
# Load engine versus wrk on the same trivial endpoint, side by side in one run.
#
#   bench/load/run.sh [seconds-per-measurement] [rounds]
#
# Builds Release, starts bench/load/server (Kestrel, 200 "ok") on a free 127.0.0.1 port, then for each round:
#   1. wrk -t2 -c64                        closed loop, the reference rate
#   2. load --vus 64                       the engine's closed loop on the same 64 connections
#   3. load --vus 64 --client httpclient   the same over .NET HttpClient, for comparison
# and afterwards searches the engine's highest sustainable open-model rate (load --rate R over the same 64
# connections): the highest R, in steps of 5 % of wrk's median rate, at which the engine completes >= 99 % of R
# per second on average, drops nothing, and builds no backlog: the median latency from the intended start stays
# under 10 ms (past capacity the backlog grows every second and the median climbs to seconds; the tail is not used
# because on shared cores other processes' stalls alone push p99 to hundreds of ms at any rate; it is printed).
# It starts at half of wrk's rate and walks up (or down); a failed step is tried once more. Prints the ratios and the CPU each client spent per 1000 requests (process CPU
# time / requests; the engine reports its own, wrk is measured by time(1)).
set -euo pipefail

seconds="${1:-8}"
rounds="${2:-3}"
connections=64
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/bench/lib.sh"
require_commands wrk:wrk python3:python3

echo "building Release ..."
dotnet build -c Release "$root/load/cli" -v quiet -nologo >/dev/null
dotnet build -c Release "$root/bench/load/server" -v quiet -nologo >/dev/null
load="$root/load/cli/bin/Release/net10.0/load"
server="$root/bench/load/server/bin/Release/net10.0/trivial-server"

port="$(free_port)"
url="http://127.0.0.1:$port/"
"$server" "$port" &
server_pid=$!
pids+=("$server_pid")
wait_until bash -c "echo >/dev/tcp/127.0.0.1/$port"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(dotnet --version) SDK, $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "endpoint: $url (trivial-server pid $server_pid), $seconds s per measurement, $rounds rounds"
wrk -t2 -c"$connections" -d3s "$url" >/dev/null # warm the server's JIT before anything is measured

# wrk: prints "<requests/s> <cpu ms per 1000 requests>"
run_wrk() {
    local out="$work/wrk.txt"
    /usr/bin/time -f "cpu %U %S" -o "$work/wrk.time" wrk -t2 -c"$connections" -d"${seconds}s" "$url" >"$out"
    local rps requests cpu
    rps="$(awk '/Requests\/sec/ {print $2}' "$out")"
    requests="$(awk '/requests in/ {print $1}' "$out")"
    cpu="$(awk '/^cpu/ {print $2 + $3}' "$work/wrk.time")"
    echo "$rps $(awk -v c="$cpu" -v n="$requests" 'BEGIN {printf "%.1f", c * 1000 * 1000 / n}')"
}

# load: prints "<completed/s over the measured seconds> <cpu ms per 1000 requests> <p99 ms> <dropped> <exit code>"
run_load() {
    local json="$work/load.json" out="$work/load.txt" code=0
    "$load" --url "$url" --duration "${seconds}s" --json "$json" --progress-interval "${seconds}s" "$@" >"$out" || code=$?
    local rate cpu
    rate="$(jq --argjson n "$seconds" '[.timeline[:$n][] .completed] | add / $n' "$json")"
    cpu="$(sed -n 's/.*, \([0-9.]*\) ms per 1000 requests.*/\1/p' "$out")"
    echo "$rate $cpu $(jq '.latency.p99Ms' "$json") $(jq '.totals.dropped' "$json") $code"
}

wrk_rates=() wrk_cpus=() closed_rates=() closed_cpus=() httpclient_rates=() httpclient_cpus=()
for round in $(seq 1 "$rounds"); do
    read -r rps wrk_cpu < <(run_wrk)
    wrk_rates+=("$rps") wrk_cpus+=("$wrk_cpu")
    read -r rate cpu _ _ _ < <(run_load --vus "$connections")
    closed_rates+=("$rate") closed_cpus+=("$cpu")
    read -r http_rate http_cpu _ _ _ < <(run_load --vus "$connections" --client httpclient)
    httpclient_rates+=("$http_rate") httpclient_cpus+=("$http_cpu")
    printf 'round %d: wrk %6.0f/s (%4s ms CPU/1000)  load --vus %d %6.0f/s (%4s ms)  with HttpClient %6.0f/s (%4s ms)\n' \
        "$round" "$rps" "$wrk_cpu" "$connections" "$rate" "$cpu" "$http_rate" "$http_cpu"
done


wrk_rate="$(echo "${wrk_rates[*]}" | median)"
closed_rate="$(echo "${closed_rates[*]}" | median)"

# Open model: from half of wrk's rate, walk up in 5 % steps while sustained, or down until sustained.
# try_rate R: runs R (once more if it fails, as other processes share the cores); 0 when sustained.
try_rate() {
    local attempt achieved cpu p99 dropped code sustained
    for attempt in 1 2; do
        read -r achieved cpu p99 dropped code < <(run_load --rate "$1" --max-connections "$connections" \
            --threshold "p(50) < 10ms" --threshold "dropped_rate == 0")
        sustained="$(awk -v a="$achieved" -v r="$1" -v c="$code" 'BEGIN {print (a >= 0.99 * r && c == 0) ? "yes" : "no"}')"
        printf 'open model: --rate %6d  completed %8.0f/s  p99 %8.1f ms  dropped %6d  CPU/1000 %5s ms  sustained: %s\n' \
            "$1" "$achieved" "$p99" "$dropped" "$cpu" "$sustained"
        if [[ "$sustained" == yes ]]; then
            last_cpu="$cpu" last_p99="$p99"
            return 0
        fi
    done
    return 1
}

step="$(awk -v w="$wrk_rate" 'BEGIN {printf "%d", w * 0.05}')"
rate="$(awk -v w="$wrk_rate" 'BEGIN {printf "%d", w * 0.5}')"
best_rate=0 best_cpu="n/a" best_p99="n/a" last_cpu="" last_p99=""
if try_rate "$rate"; then
    best_rate="$rate" best_cpu="$last_cpu" best_p99="$last_p99"
    while rate=$((rate + step)) && try_rate "$rate"; do
        best_rate="$rate" best_cpu="$last_cpu" best_p99="$last_p99"
    done
else
    while rate=$((rate - step)) && ((rate > step)); do
        if try_rate "$rate"; then
            best_rate="$rate" best_cpu="$last_cpu" best_p99="$last_p99"
            break
        fi
    done
fi

# CPU per request at a moderate fixed rate, where thread wake-ups rather than work dominate.
read -r _ moderate_cpu _ _ _ < <(run_load --rate 2000)
read -r _ moderate_http_cpu _ _ _ < <(run_load --rate 2000 --client httpclient)

echo
printf '%-44s %9s req/s   CPU per 1000 requests %s ms\n' \
    "wrk -t2 -c$connections (closed loop), median" "$wrk_rate" "$(echo "${wrk_cpus[*]}" | median)" \
    "load --vus $connections (closed loop), median" "$closed_rate" "$(echo "${closed_cpus[*]}" | median)" \
    "load --vus $connections --client httpclient, median" "$(echo "${httpclient_rates[*]}" | median)" "$(echo "${httpclient_cpus[*]}" | median)" \
    "load --rate, highest sustainable (open)" "$best_rate" "$best_cpu (p99 $best_p99 ms)" \
    "load --rate 2000" "2000" "$moderate_cpu" \
    "load --rate 2000 --client httpclient" "2000" "$moderate_http_cpu"
awk -v o="$best_rate" -v c="$closed_rate" -v w="$wrk_rate" \
    'BEGIN {printf "ratio to wrk: open-model sustainable %.2f, closed loop %.2f (target >= 0.70)\n", o / w, c / w}'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" 
