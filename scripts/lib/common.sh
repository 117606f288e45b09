# Shared by scripts/test.sh and scripts/main.sh: dependencies, build, and test-run accounting.
# Sourced, not executed.

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
configuration="${CONFIGURATION:-Release}"

log() { printf '[resilience] %s\n' "$*" >&2; }

# Debian packages the harness runs for real: the servers under test, compose validation,
# the browser that checks the HTML report, and npm for the report's bundled chart library.
missing_packages() {
  local missing=()
  compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v chromium >/dev/null || missing+=(chromium)
  command -v npm >/dev/null || missing+=(npm)
  [ ${#missing[@]} -eq 0 ] || printf '%s\n' "${missing[@]}"
}

ensure_dependencies() {
  local missing
  mapfile -t missing < <(missing_packages)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    log "missing Debian packages; run: sudo apt-get install -y ${missing[*]}"
    return 1
  fi
  # Debian's postgresql package starts a cluster of its own; the harness runs private servers only.
  if command -v systemctl >/dev/null && systemctl is-active --quiet postgresql 2>/dev/null; then
    systemctl stop postgresql || true
  fi
}

build_solution() {
  log "restoring and building ($configuration)"
  dotnet restore "$repo_root/Resilience.sln" --verbosity quiet
  dotnet build "$repo_root/Resilience.sln" --configuration "$configuration" --no-restore --verbosity quiet -nologo
}

# A test run is one or more `dotnet test` calls between begin_tests and end_tests: one module at a time (the suites
# measure latency and must not compete for the two cores). end_tests fails when no test ran, names the failed tests
# again (a log's tail is often all that is read), and ends with "N passed, N failed, N skipped".
begin_tests() {
  tests_output="$(mktemp)"
  tests_status=0
  # Test output appears only once a test ends; experiments write their live line (rate, p95, errors, fault,
  # breakers) to this file, followed here on the terminal.
  export RESILIENCE_PROGRESS_FILE
  RESILIENCE_PROGRESS_FILE="$(mktemp)"
  # The terminal's stderr is passed by its own descriptor: inside the substitution, fd 2 is tail's (/dev/null).
  exec {tests_terminal}>&2
  tail -n 0 -F "$RESILIENCE_PROGRESS_FILE" 2> /dev/null > >(sed -u 's/^/[live] /' >&"$tests_terminal") &
  tests_follower=$!
}

# run_tests [NAME=value ...] project [dotnet test options ...]: the variables hold for this call only.
run_tests() {
  local variables=()
  while [[ "${1:-}" == *=* ]]; do variables+=("$1"); shift; done
  local project="$1"; shift
  # Names only: values may hold passwords.
  [ ${#variables[@]} -eq 0 ] || log "testing $project with ${variables[*]%%=*} set${*:+ ($*)}"
  set +e
  env "${variables[@]}" dotnet test --project "$repo_root/$project" --configuration "$configuration" --no-build \
    --minimum-expected-tests 1 --results-directory "$repo_root/artifacts/test-results" "$@" 2>&1 | tee -a "$tests_output"
  tests_status=$(( tests_status | PIPESTATUS[0] ))
  set -e
}

end_tests() {
  local passed failed skipped
  sleep 1 # tail looks for new lines once a second: let it print the last ones
  kill "$tests_follower" 2>/dev/null || true
  wait "$tests_follower" 2>/dev/null || true
  exec {tests_terminal}>&-
  rm -f "$RESILIENCE_PROGRESS_FILE"
  passed=$(awk '/^ *succeeded: /{s+=$2} END{print s+0}' "$tests_output")
  failed=$(awk '/^ *failed: /{s+=$2} END{print s+0}' "$tests_output")
  skipped=$(awk '/^ *skipped: /{s+=$2} END{print s+0}' "$tests_output")
  if [ "$failed" -gt 0 ]; then
    log "failed tests:"
    grep -E '^failed ' "$tests_output" | sed 's/^/  /' >&2 || true
  fi
  rm -f "$tests_output"
  if [ $((passed + failed)) -eq 0 ]; then
    log "no test ran"
    tests_status=1
  fi
  echo "$passed passed, $failed failed, $skipped skipped"
  return $tests_status
}

# The given test projects, whole, as one test run.
run_test_projects() {
  local project
  begin_tests
  for project in "$@"; do run_tests "$project"; done
  end_tests
}
