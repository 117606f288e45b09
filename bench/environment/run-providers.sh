#!/usr/bin/env bash
# Start-up until ready, local processes against containers, side by side (bench/environment --providers): per round
# PostgreSQL + Redis with the local provider, then with the containers provider, then the reference app's whole stack
# the same way. Progress per round on stderr; at the end a Markdown table on stdout (run 0 apart; median, min, max of
# the warm rounds; containers / local of the medians).
#
#   bench/environment/run-providers.sh [rounds=5]
#
# The engine and images come from artifacts/container-env when it exists (written by scripts/test.sh: DOCKER_HOST,
# RESILIENCE_POSTGRES_IMAGE, RESILIENCE_REDIS_IMAGE, ...), else from the caller's environment. Docker is never started
# here: when no engine answers, says so and exits 2. Builds Release (the bench, the reference app with it), then runs.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/bench/lib.sh"

container_env="$root/artifacts/container-env"
if [ -f "$container_env" ]; then
  # shellcheck source=/dev/null
  source "$container_env"
  echo "container variables from $container_env" >&2
fi

if ! command -v docker >/dev/null || ! docker info >/dev/null 2>&1; then
  echo "no Docker engine answers at ${DOCKER_HOST:-the default socket} (docker info failed); start one (scripts/test.sh prepares it) and run again" >&2
  exit 2
fi

echo "building Release ..." >&2
dotnet build -c Release "$root/bench/environment" -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
dll="$root/bench/environment/bin/Release/net10.0/EnvironmentStartupBench.dll"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before, $(dotnet --version) SDK, $(date -u '+%Y-%m-%d %H:%M UTC')" >&2
echo "engine: ${DOCKER_HOST:-default}; images: ${RESILIENCE_POSTGRES_IMAGE:-default}, ${RESILIENCE_REDIS_IMAGE:-default}" >&2
dotnet "$dll" --providers "$@" &
bench_pid=$!
pids+=("$bench_pid")
code=0
wait "$bench_pid" || code=$?
exit "$code"
