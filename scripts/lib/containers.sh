# The container part of a test run, prepared beside the build so that it costs little time: the Docker engine and
# the PostgreSQL and Redis images while the solution builds, the .NET images (which need the build) while it packs.
# Sourced by scripts/test.sh after docker.sh and images.sh, not executed.
#
#   start_container_preparation   # background: engine, server images
#   continue_container_preparation # after the build; background: .NET images
#   finish_container_preparation  # waits; exports the engine's and the images' variables, or says why not
#   check_no_containers_left      # after the tests: every container and volume of the harness is gone

container_variables=(DOCKER_HOST DOCKER_API_VERSION TESTCONTAINERS_RYUK_DISABLED
  RESILIENCE_POSTGRES_IMAGE RESILIENCE_REDIS_IMAGE RESILIENCE_TOXIPROXY_IMAGE RESILIENCE_APP_IMAGE)
container_env_file="$repo_root/artifacts/container-env"
containers_ready=false

# A background job hands its exports back through this file.
write_container_env() {
  local name
  for name in "${container_variables[@]}"; do
    [ -z "${!name:-}" ] || printf 'export %s=%q\n' "$name" "${!name}"
  done > "$container_env_file"
}

start_container_preparation() {
  mkdir -p "$(dirname "$container_env_file")"
  rm -f "$container_env_file"
  (
    status=0
    ensure_docker_engine || status=$?
    # 2: no engine can be had here (not root on Debian); the container tests say so and skip.
    [ $status -eq 0 ] || exit $status
    build_server_images && write_container_env
  ) &
  container_job=$!
}

continue_container_preparation() {
  local status=0
  wait "$container_job" || status=$?
  if [ $status -ne 0 ]; then
    container_job_status=$status
    return 0
  fi
  (
    source "$container_env_file"
    build_dotnet_images && write_container_env
  ) &
  container_job=$!
  container_job_status=
}

finish_container_preparation() {
  local status="${container_job_status:-}"
  if [ -z "$status" ]; then
    status=0
    wait "$container_job" || status=$?
  fi
  case "$status" in
    0)
      source "$container_env_file"
      containers_ready=true
      log "containers ready: engine ${DOCKER_HOST:-default}, images $RESILIENCE_POSTGRES_IMAGE $RESILIENCE_REDIS_IMAGE $RESILIENCE_APP_IMAGE"
      ;;
    2) log "no Docker engine here: the container tests will be skipped" ;;
    *) log "preparing the containers failed (exit $status)"; return 1 ;;
  esac
}

# On exit: a preparation still running is stopped, then the engine this run started, with its containers.
stop_containers() {
  [ -z "${container_job:-}" ] || kill "$container_job" 2> /dev/null || true
  stop_docker_engine
}

# After the tests, what the harness made must be gone: its labelled containers on any engine, and on the engine this
# run started (whose containers, volumes and networks are all the harness's or the compose stack's) every one of them.
check_no_containers_left() {
  [ "$containers_ready" = true ] || return 0
  local containers volumes="" networks=""
  if [ -f "$docker_run_dir/dockerd.pid" ]; then
    containers="$(docker ps -aq | wc -l)"
    volumes="$(docker volume ls -q | wc -l)"
    networks="$(docker network ls -q --filter type=custom | wc -l)"
  else
    containers="$(docker ps -aq --filter "label=$harness_container_label" | wc -l)"
  fi
  if [ "$containers" -ne 0 ] || [ "${volumes:-0}" -ne 0 ] || [ "${networks:-0}" -ne 0 ]; then
    log "the tests left $containers container(s)${volumes:+, $volumes volume(s)}${networks:+ and $networks network(s)} behind"
    return 1
  fi
  log "no container${volumes:+, volume or network} of the harness is left"
}
