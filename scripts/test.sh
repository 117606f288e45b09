#!/usr/bin/env bash
# Runs every test of the harness: its own tests (Harness), the three suites (Chaos, Recovery, Sla), and the
# chaos tests of the sample service (samples/Inventory), which use the harness as a team testing its own service does.
# Installs what it needs when run as root; ends with "N passed, N failed, N skipped".
# The sample's tests and a project generated from the template are built from the packed packages, not the projects,
# and the .NET tools are installed from them and run (scripts/lib/packages.sh).
# Where a Docker engine answers, or one can be started (root on Debian), the suites' tests marked with the
# ProviderSample trait run with PostgreSQL and Redis in containers of images made on this machine
# (scripts/lib/containers.sh), and those of the Chaos suite marked for the compose stack run against
# docker-compose.chaos.yml with RESILIENCE_ENV=external (scripts/lib/compose.sh); the rest run with local processes.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/packages.sh"
source "$(dirname "$0")/lib/docker.sh"
source "$(dirname "$0")/lib/images.sh"
source "$(dirname "$0")/lib/containers.sh"
source "$(dirname "$0")/lib/compose.sh"
cd "$repo_root"
ensure_dependencies
# However the run ends: the live-line follower, the engine this run started and its containers.
clean_up() {
  [ -z "${tests_follower:-}" ] || kill "$tests_follower" 2> /dev/null || true
  stop_compose_stack
  stop_containers
}
trap clean_up EXIT
start_container_preparation
build_solution
continue_container_preparation
pack_packages
build_sample_from_packages
generate_template_project
check_tools
finish_container_preparation

# Local processes unless a call says otherwise: with an engine answering, the default (auto) would be containers.
export RESILIENCE_ENV="${RESILIENCE_ENV:-local}"
in_containers="ProviderSample=containers"
on_compose="ProviderSample=external"
begin_tests
run_tests tests/Harness
if [ "$containers_ready" = true ]; then
  run_tests tests/Chaos --filter-not-trait "$in_containers" --filter-not-trait "$on_compose"
  run_tests RESILIENCE_ENV=containers tests/Chaos --filter-trait "$in_containers"
  run_on_compose_stack tests/Chaos --filter-trait "$on_compose"
  run_tests tests/Recovery --filter-not-trait "$in_containers"
  run_tests RESILIENCE_ENV=containers tests/Recovery --filter-trait "$in_containers"
else
  run_tests tests/Chaos
  run_tests tests/Recovery
fi
run_tests tests/Sla
run_tests samples/Inventory/Inventory.ChaosTests
run_tests "$template_project"
end_tests
check_no_containers_left
check_report_tool
