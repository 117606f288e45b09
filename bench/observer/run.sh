#!/usr/bin/env bash
# The breaker observer (PollyTelemetryBreakerSource: Polly's telemetry over EventPipe) on the sample Inventory
# service, two figures each measured side by side in one run:
#   1. CPU the attached observer adds to the service at a constant open-model rate of GET /stock/{sku}: windows
#      alternately without and with the observer (off/on/off/.../off, `rounds` on windows); the service's CPU
#      (/proc/<pid>/stat) per 1000 requests; medians, their ratio, and the median over rounds of each on window
#      against the mean of the off windows on either side (which cancels a steady drift). Target: <= 2 % added.
#   2. delay from Polly raising a breaker transition (its event time) to the transition showing up in the source
#      (polled every 10 ms), while the inventory-db proxy is disabled and enabled in cycles. Target: <= 250 ms.
#
#   bench/observer/run.sh [rounds=5] [window-seconds=15] [warm-up-seconds=5] [rate=500] [fault-cycles=8]
#
# Builds Release (the bench and the service, so the stack's own build of the service is a no-op), then runs
# bench/observer (it starts PostgreSQL, Redis, the proxies and the service itself, and stops them at the end).
# Prints a line every few seconds and the figures at the end.
#
# QUIET_LOCK=/tmp/quiet.lock: for a machine shared with timing-sensitive runs. Builds (at nice 19) only while the
# lock file is absent; measures only once it is absent and the 1-minute load average is below QUIET_LOAD (1.5),
# holding the lock (creating the file) for the measurement and removing it on any exit.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/bench/lib.sh"
quiet_lock="${QUIET_LOCK:-}"
quiet_load="${QUIET_LOAD:-1.5}"
holding_lock=0

on_exit() {
    [[ "$holding_lock" == 1 ]] && rm -f "$quiet_lock"
    cleanup
}
trap on_exit EXIT
trap 'exit 130' INT TERM

wait_for_lock() {
    [[ -n "$quiet_lock" ]] || return 0
    while [ -e "$quiet_lock" ]; do echo "waiting: $quiet_lock exists"; sleep 20; done
}

load1() { cut -d' ' -f1 /proc/loadavg; }

echo "building Release ..."
wait_for_lock
nice -n 19 dotnet build -c Release "$root/samples/Inventory/Inventory.Service" -v quiet -nologo >/dev/null
nice -n 19 dotnet build -c Release "$root/bench/observer" -v quiet -nologo >/dev/null
dll="$root/bench/observer/bin/Release/net10.0/ObserverBench.dll"

if [[ -n "$quiet_lock" ]]; then
    while [ -e "$quiet_lock" ] || awk -v l="$(load1)" -v max="$quiet_load" 'BEGIN { exit !(l >= max) }'; do
        echo "waiting for a quiet machine: lock $( [ -e "$quiet_lock" ] && echo present || echo absent), load average $(cut -d' ' -f1-3 /proc/loadavg)"
        sleep 15
    done
    touch "$quiet_lock"
    holding_lock=1
fi

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before, $(dotnet --version) SDK, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "command: bench/observer/run.sh $*"
dotnet "$dll" "$@" &
bench_pid=$!
pids+=("$bench_pid")
code=0
wait "$bench_pid" || code=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$code"
