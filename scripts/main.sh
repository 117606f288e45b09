#!/usr/bin/env bash
# The main job: runs the Chaos, Recovery and Sla suites against a fresh environment, then writes the
# sign-off report (HTML, Markdown, JSON, CSV) and prints its path and the overall verdict.
# Usage: scripts/main.sh [--profile ci|nightly|signoff] [--baseline path/to/earlier/report.json]
# Exit code: 0 when every scenario passed, 1 otherwise.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$repo_root"

profile="${RESILIENCE_PROFILE:-ci}"
baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --profile) profile="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    *) log "unknown argument '$1' (expected --profile ci|nightly|signoff, --baseline FILE)"; exit 2 ;;
  esac
done
case "$profile" in ci|nightly|signoff) ;; *) log "unknown profile '$profile' (ci, nightly, signoff)"; exit 2 ;; esac

ensure_dependencies
build_solution

run_id="$(date -u +%Y%m%dT%H%M%SZ)-$profile"
export RESILIENCE_PROFILE="$profile" RESILIENCE_RUN_ID="$run_id"
export RESILIENCE_ARTIFACTS="$repo_root/artifacts/resilience"

suites_status=0
run_test_projects tests/Chaos tests/Recovery tests/Sla || suites_status=$?

postgres_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
report_args=(--runs "$RESILIENCE_ARTIFACTS/runs/$run_id" --out "$RESILIENCE_ARTIFACTS" --run-id "$run_id" --profile "$profile"
  --environment "${RESILIENCE_ENV:-auto}" --postgres-version "$("$postgres_bin/postgres" -V)" --redis-version "$(redis-server -v)")
[ -n "$baseline" ] && report_args+=(--baseline "$baseline")
report_status=0
dotnet "reports/cli/bin/$configuration/net10.0/resilience-report.dll" "${report_args[@]}" || report_status=$?

# The report prints the path and the verdict; a report that could not be written says why itself.
if [ $report_status -ne 0 ]; then
  log "no report was written (exit $report_status); the suites exited $suites_status"
  exit 1
fi
if [ $suites_status -ne 0 ]; then
  log "the test run failed (exit $suites_status); a test that failed outside an experiment has no scenario in the report: see its output above"
  exit 1
fi
