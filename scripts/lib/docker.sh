# A Docker engine for the run: the one that already answers, or, as root on Debian, Debian's docker.io started for
# this run and stopped at its end. Sourced by scripts/test.sh after common.sh, not executed.

# Where the engine this script starts keeps its pid, socket and log: one well-known place, so a run killed midway
# leaves a pid file the next run finds and reaps.
docker_run_dir="/run/resilience-docker"
# The label every container of the harness carries (ContainerReaper.OwnerPidLabel in fixtures/).
harness_container_label="org.resilience.owner-pid"

docker_answers() { docker info > /dev/null 2>&1; }

# Stops the engine started by an earlier run that never reached its own stop (it was killed).
reap_docker_engine() {
  local pid
  [ -f "$docker_run_dir/dockerd.pid" ] || return 0
  pid="$(cat "$docker_run_dir/dockerd.pid")"
  if kill -0 "$pid" 2> /dev/null && grep -q dockerd "/proc/$pid/cmdline" 2> /dev/null; then
    log "stopping the Docker engine an earlier run left (pid $pid)"
    stop_docker_engine_pid "$pid"
  fi
  rm -f "$docker_run_dir/dockerd.pid"
}

stop_docker_engine_pid() {
  local pid="$1" waited=0
  kill -TERM "$pid" 2> /dev/null || return 0
  while kill -0 "$pid" 2> /dev/null && [ $waited -lt 150 ]; do sleep 0.2; waited=$((waited + 1)); done
  kill -KILL "$pid" 2> /dev/null || true
}

# Uses an engine that answers; otherwise installs and starts one when that is possible here. Returns 2 when it is
# not (the container tests then skip, saying no engine answers), 1 when the engine would not start.
ensure_docker_engine() {
  local waited=0
  export TESTCONTAINERS_RYUK_DISABLED=true # Ryuk's image cannot be pulled here; the harness's reaper stands in
  reap_docker_engine
  if docker_answers; then
    log "using the Docker engine that answers${DOCKER_HOST:+ at $DOCKER_HOST}"
    export_docker_api_version
    return 0
  fi
  if [ "$(id -u)" -ne 0 ] || [ ! -f /etc/debian_version ]; then
    log "no Docker engine answers (and not root on Debian, so none is started): container tests will be skipped"
    return 2
  fi
  if ! command -v dockerd > /dev/null; then
    log "installing docker.io"
    # apt's lists may be older than the mirror when nothing else was installed this run
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io > /dev/null 2>&1 \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io > /dev/null; }
  fi
  mkdir -p "$docker_run_dir"
  # Its own socket, so an engine that a user may start later on the default socket is never the one this run stops;
  # published ports default to 127.0.0.1.
  export DOCKER_HOST="unix://$docker_run_dir/docker.sock"
  dockerd --host "$DOCKER_HOST" --pidfile "$docker_run_dir/dockerd.pid" --exec-root "$docker_run_dir/exec" \
    --ip 127.0.0.1 --data-root /var/lib/resilience-docker > "$docker_run_dir/dockerd.log" 2>&1 &
  until docker_answers; do
    waited=$((waited + 1))
    if [ $waited -gt 150 ]; then
      log "the Docker engine did not answer within 30 s:"; tail -n 20 "$docker_run_dir/dockerd.log" >&2
      return 1
    fi
    sleep 0.2
  done
  log "started a Docker engine for this run ($(docker version --format '{{.Server.Version}}'))"
  # Its images are kept for the next run; anything else is what a killed run left.
  docker container prune -f > /dev/null
  docker volume prune -f > /dev/null
  docker network prune -f > /dev/null
  export_docker_api_version
}

# Testcontainers' client asks for a newer API than an older engine (Debian's 20.10: 1.41) speaks; the engine's own
# version is one every client here can use.
export_docker_api_version() {
  [ -n "${DOCKER_API_VERSION:-}" ] || export DOCKER_API_VERSION="$(docker version --format '{{.Server.APIVersion}}')"
}

# Stops the engine if this run started it (only a run of this script writes the pid file in its own run directory;
# an earlier run's is reaped at start); removes the containers the run's harness left first, so none remains.
stop_docker_engine() {
  [ -f "$docker_run_dir/dockerd.pid" ] || return 0
  local left
  left="$(docker ps -aq --filter "label=$harness_container_label" 2> /dev/null || true)"
  [ -z "$left" ] || docker rm -f --volumes $left > /dev/null 2>&1 || true
  stop_docker_engine_pid "$(cat "$docker_run_dir/dockerd.pid")"
  rm -f "$docker_run_dir/dockerd.pid"
  log "stopped the run's Docker engine"
}
