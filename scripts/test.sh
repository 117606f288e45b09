#!/usr/bin/env bash
# Runs every test of the harness: its own tests (Harness), the three suites (Chaos, Recovery, Sla), and the
# chaos tests of the sample service (samples/Inventory), which use the harness as a team testing its own service does.
# Installs what it needs when run as root; ends with "N passed, N failed, N skipped".
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$repo_root"
ensure_dependencies
build_solution
run_test_projects tests/Harness tests/Chaos tests/Recovery tests/Sla samples/Inventory/Inventory.ChaosTests
