#!/usr/bin/env bash
# Runs every test of the harness: its own tests (Harness), the three suites (Chaos, Recovery, Sla), and the
# chaos tests of the sample service (samples/Inventory), which use the harness as a team testing its own service does.
# Installs what it needs when run as root; ends with "N passed, N failed, N skipped".
# The sample's tests and a project generated from the template are built from the packed packages, not the projects,
# and the .NET tools are installed from them and run (scripts/lib/packages.sh).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/packages.sh"
cd "$repo_root"
ensure_dependencies
build_solution
pack_packages
build_sample_from_packages
generate_template_project
check_tools
run_test_projects tests/Harness tests/Chaos tests/Recovery tests/Sla samples/Inventory/Inventory.ChaosTests "$template_project"
check_report_tool
