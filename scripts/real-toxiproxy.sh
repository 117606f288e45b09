#!/usr/bin/env bash
# The Chaos suite against docker-compose.chaos.yml with a real Shopify toxiproxy-server in the Toxiproxy
# service's place, RESILIENCE_ENV=external: every test must pass with the toxics that server has, or skip with a reason
# naming the toxic type and the server's version (a real server has no tcp_loss). Not part of scripts/test.sh, since
# no real server can be had offline; run it where one can.
#
#   bash scripts/real-toxiproxy.sh ghcr.io/shopify/toxiproxy:2.9.0   # an image, where a registry answers
#   bash scripts/real-toxiproxy.sh /path/to/toxiproxy-server        # a binary, made into an image here
#
# Builds what it needs as scripts/test.sh does (the solution, the engine, the other images), and ends with
# "N passed, N failed, N skipped".
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/docker.sh"
source "$(dirname "$0")/lib/images.sh"
source "$(dirname "$0")/lib/containers.sh"
source "$(dirname "$0")/lib/compose.sh"
cd "$repo_root"
toxiproxy="${1:?give a toxiproxy image or the path of a toxiproxy-server binary}"
trap 'stop_compose_stack; stop_containers' EXIT

build_solution
status=0
ensure_docker_engine || status=$?
[ $status -eq 0 ] || { log "this needs a Docker engine"; exit 1; }
build_server_images
build_dotnet_images
if [ -f "$toxiproxy" ]; then
  stage="$(stage_context toxiproxy-server)"
  cp "$toxiproxy" "$stage/toxiproxy-server"
  build_base_image
  build_image toxiproxy-server "$stage" "$base_image" --build-arg "BASE_IMAGE=$base_image" || { rm -rf "$stage"; exit 1; }
  rm -rf "$stage"
  toxiproxy="$built_image"
fi
export RESILIENCE_TOXIPROXY_IMAGE="$toxiproxy"
containers_ready=true
log "Toxiproxy: $RESILIENCE_TOXIPROXY_IMAGE"

begin_tests
run_on_compose_stack tests/Chaos
end_tests
