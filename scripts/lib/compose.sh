# The compose part of a test run: docker-compose.chaos.yml brought up with the images made on this machine, part of
# the Chaos suite run against it with RESILIENCE_ENV=external, and the stack taken down with its volumes.
# Sourced by scripts/test.sh after containers.sh, not executed.
#
#   run_on_compose_stack project [dotnet test options ...]   # up, run_tests against it, down
#   stop_compose_stack                                        # on exit: down, if this run brought it up

compose_file="$repo_root/docker-compose.chaos.yml"
# One name per machine, so that a run killed midway is reaped by the next one's "down" on any engine.
compose_project="resilience-ci"
compose_started=false

compose() { docker-compose --file "$compose_file" --project-name "$compose_project" "$@"; }

free_loopback_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Per-run passwords and free host ports, exported for compose's interpolation only. Never printed.
choose_compose_settings() {
  export POSTGRES_PASSWORD REDIS_PASSWORD RESILIENCE_APP_PORT RESILIENCE_TOXIPROXY_PORT RESILIENCE_POSTGRES_PORT RESILIENCE_REDIS_PORT
  POSTGRES_PASSWORD="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
  REDIS_PASSWORD="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
  RESILIENCE_APP_PORT="$(free_loopback_port)"
  RESILIENCE_TOXIPROXY_PORT="$(free_loopback_port)"
  RESILIENCE_POSTGRES_PORT="$(free_loopback_port)"
  RESILIENCE_REDIS_PORT="$(free_loopback_port)"
}

start_compose_stack() {
  local started=$SECONDS deadline
  choose_compose_settings
  compose down --volumes --remove-orphans --timeout 5 > /dev/null 2>&1 || true
  log "bringing up $(basename "$compose_file") (project $compose_project) with the local images"
  compose_started=true
  if ! compose up --detach --no-build > "$repo_root/artifacts/compose-up.log" 2>&1; then
    log "docker-compose up failed:"; tail -n 20 "$repo_root/artifacts/compose-up.log" >&2
    return 1
  fi
  deadline=$((SECONDS + 90))
  until curl -fsS --max-time 2 "http://127.0.0.1:$RESILIENCE_APP_PORT/health/ready" > /dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then
      log "the compose stack's app was not ready within 90 s:"; compose ps >&2
      return 1
    fi
    sleep 1
  done
  log "compose stack ready in $((SECONDS - started)) s; Toxiproxy answers $(curl -fsS --max-time 2 "http://127.0.0.1:$RESILIENCE_TOXIPROXY_PORT/version" || echo 'no version')"
}

stop_compose_stack() {
  [ "$compose_started" = true ] || return 0
  compose_started=false
  compose down --volumes --remove-orphans --timeout 5 > /dev/null 2>&1 || log "docker-compose down failed"
  unset POSTGRES_PASSWORD REDIS_PASSWORD RESILIENCE_APP_PORT RESILIENCE_TOXIPROXY_PORT RESILIENCE_POSTGRES_PORT RESILIENCE_REDIS_PORT
}

run_on_compose_stack() {
  if ! start_compose_stack; then
    tests_status=1
    stop_compose_stack
    return 0
  fi
  # The addresses the External provider reads; run_tests prints their names only.
  run_tests RESILIENCE_ENV=external \
    "RESILIENCE_APP_URL=http://127.0.0.1:$RESILIENCE_APP_PORT" \
    "RESILIENCE_TOXIPROXY_URL=http://127.0.0.1:$RESILIENCE_TOXIPROXY_PORT" \
    "RESILIENCE_POSTGRES=Host=127.0.0.1;Port=$RESILIENCE_POSTGRES_PORT;Database=resilience;Username=resilience;Password=$POSTGRES_PASSWORD" \
    "RESILIENCE_REDIS=127.0.0.1:$RESILIENCE_REDIS_PORT,password=$REDIS_PASSWORD" \
    "$@"
  stop_compose_stack
}
