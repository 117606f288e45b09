# Local stand-ins for the official images, made offline on this machine because no registry is reachable: a Debian
# root file system from the mirror apt uses, then PostgreSQL, Redis, a .NET runtime and SDK, the Toxiproxy-compatible
# server and the reference app (app/Dockerfile) on top. Each image is tagged with a hash of what it is made from and
# reused while that tag exists, so only a change rebuilds it. Sourced by scripts/test.sh after docker.sh.
# build_server_images exports RESILIENCE_POSTGRES_IMAGE and RESILIENCE_REDIS_IMAGE; build_dotnet_images
# RESILIENCE_TOXIPROXY_IMAGE and RESILIENCE_APP_IMAGE.

images_dir="$repo_root/docker/images"

# A short hash of the given files' contents and of the extra words (versions, parent tags).
content_hash() {
  local words="$1"; shift
  # Paths relative to the repository or to a staged context (whose folder name is random), so the hash is the content's.
  { printf '%s\n' "$words"; find "$@" -type f -print0 | sort -z | xargs -0 sha256sum \
      | sed -E "s|$repo_root/||; s|/var/tmp/resilience-image\.[^/]+/||"; } \
    | sha256sum | cut -c1-12
}

image_exists() { docker image inspect "$1" > /dev/null 2>&1; }

# The Debian mirror and suite apt is configured with (deb822 sources), the only place packages come from here.
debian_mirror() {
  sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2> /dev/null | grep -v security | head -n 1
}

build_base_image() {
  local packages mirror tag root started=$SECONDS
  packages="$(grep -v '^#' "$images_dir/base/packages" | xargs | tr ' ' ',')"
  mirror="$(debian_mirror)"
  [ -n "$mirror" ] || { log "no Debian mirror in /etc/apt/sources.list.d/"; return 1; }
  tag="resilience/debian-base:$(content_hash "bookworm $mirror" "$images_dir/base")"
  if ! image_exists "$tag"; then
    command -v debootstrap > /dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap > /dev/null
    root="$(mktemp -d /var/tmp/resilience-rootfs.XXXXXX)"
    log "making the Debian root file system ($packages) from $mirror"
    if ! debootstrap --variant=minbase --include="$packages" bookworm "$root" "$mirror" > "$root.log" 2>&1; then
      log "debootstrap failed:"; tail -n 20 "$root.log" >&2; rm -rf "$root" "$root.log"; return 1
    fi
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
    tar -C "$root" -c . | docker import - "$tag" > /dev/null
    rm -rf "$root" "$root.log"
    log "built $tag in $((SECONDS - started)) s"
  fi
  base_image="$tag"
}

# docker build of one stand-in: $1 the image name, $2 its context, $3 the hash words, then build arguments.
build_image() {
  local name="$1" context="$2" words="$3" tag build_log started=$SECONDS; shift 3
  tag="resilience/$name:$(content_hash "$words" "$context")"
  if ! image_exists "$tag"; then
    log "building $tag"
    build_log="$(mktemp)"
    if ! docker build --quiet --tag "$tag" "$@" "$context" > /dev/null 2> "$build_log"; then
      log "building $name failed:"; tail -n 30 "$build_log" >&2; rm -f "$build_log"; return 1
    fi
    rm -f "$build_log"
    log "built $tag in $((SECONDS - started)) s"
  fi
  built_image="$tag"
}

# A build context in a temporary folder: the image's own folder, plus what the caller copies in.
stage_context() {
  local stage
  stage="$(mktemp -d /var/tmp/resilience-image.XXXXXX)"
  cp -a "$images_dir/$1/." "$stage/"
  echo "$stage"
}

# PostgreSQL and Redis: these need nothing from the build, so they can be made while it runs.
build_server_images() {
  build_base_image || return 1
  build_image postgres "$images_dir/postgres" "$base_image" --build-arg "BASE_IMAGE=$base_image" || return 1
  export RESILIENCE_POSTGRES_IMAGE="$built_image"
  build_image redis "$images_dir/redis" "$base_image" --build-arg "BASE_IMAGE=$base_image" || return 1
  export RESILIENCE_REDIS_IMAGE="$built_image"
}

# The .NET images: they take the build's output (the server) and restore (the app's package closure).
build_dotnet_images() {
  local dotnet_root runtime_version sdk_version stage started=$SECONDS
  dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
  runtime_version="$(ls "$dotnet_root/shared/Microsoft.AspNetCore.App" | sort -V | tail -n 1)"
  sdk_version="$(dotnet --version)"
  build_base_image || return 1

  # The runtime: the host's dotnet and the two shared frameworks of one version (hard links: same file system).
  local runtime_tag="resilience/dotnet-runtime:$(content_hash "$base_image $runtime_version" "$images_dir/dotnet-runtime")"
  if ! image_exists "$runtime_tag"; then
    stage="$(stage_context dotnet-runtime)"
    mkdir -p "$stage/dotnet/shared"
    cp -a "$dotnet_root/dotnet" "$dotnet_root/host" "$stage/dotnet/"
    for framework in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
      mkdir -p "$stage/dotnet/shared/$framework"
      cp -al "$dotnet_root/shared/$framework/$runtime_version" "$stage/dotnet/shared/$framework/"
    done
    build_image dotnet-runtime "$stage" "$base_image $runtime_version" \
      --build-arg "BASE_IMAGE=$base_image" --build-arg "DOTNET_VERSION=$runtime_version" || { rm -rf "$stage"; return 1; }
    docker tag "$built_image" "$runtime_tag"
    rm -rf "$stage"
  fi
  local runtime_image="$runtime_tag"

  # The Toxiproxy-compatible server: its framework-dependent build output on the runtime.
  stage="$(stage_context toxiproxy)"
  cp -a "$repo_root/toxics/server/bin/$configuration/net10.0" "$stage/server"
  build_image toxiproxy "$stage" "$runtime_image" --build-arg "RUNTIME_IMAGE=$runtime_image" || { rm -rf "$stage"; return 1; }
  export RESILIENCE_TOXIPROXY_IMAGE="$built_image"
  rm -rf "$stage"

  build_app_image "$dotnet_root" "$sdk_version" "$runtime_image" || return 1
  log ".NET images ready in $((SECONDS - started)) s: $RESILIENCE_TOXIPROXY_IMAGE $RESILIENCE_APP_IMAGE"
}

# The reference app from app/Dockerfile, its SDK stage on a stand-in holding this machine's SDK and exactly the
# packages the app restores (from this machine's NuGet cache), so nothing is pulled or downloaded.
build_app_image() {
  local dotnet_root="$1" sdk_version="$2" runtime_image="$3" sdk_tag stage cache package version app_hash
  sdk_tag="resilience/dotnet-sdk:$(content_hash "$runtime_image $sdk_version" "$images_dir/dotnet-sdk" "$repo_root/app/obj/project.assets.json")"
  if ! image_exists "$sdk_tag"; then
    stage="$(stage_context dotnet-sdk)"
    mkdir -p "$stage/dotnet" "$stage/packages"
    cp -al "$dotnet_root/sdk" "$dotnet_root/packs" "$dotnet_root/sdk-manifests" "$stage/dotnet/"
    cache="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"
    # The app's package closure as its restore recorded it: "name/version" libraries of project.assets.json.
    while IFS=/ read -r package version; do
      mkdir -p "$stage/packages/${package,,}"
      cp -al "${cache%/}/${package,,}/${version,,}" "$stage/packages/${package,,}/"
    done < <(python3 -c 'import json,sys; [print(k) for k,v in json.load(open(sys.argv[1]))["libraries"].items() if v["type"]=="package"]' \
      "$repo_root/app/obj/project.assets.json")
    printf '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    <clear />\n  </packageSources>\n</configuration>\n' \
      > "$stage/NuGet.Config"
    build_image dotnet-sdk "$stage" "$runtime_image $sdk_version" \
      --build-arg "RUNTIME_IMAGE=$runtime_image" --build-arg "SDK_VERSION=$sdk_version" || { rm -rf "$stage"; return 1; }
    docker tag "$built_image" "$sdk_tag"
    rm -rf "$stage"
  fi
  app_hash="$(content_hash "$sdk_tag $runtime_image" "$repo_root/app" "$repo_root/global.json" "$repo_root/Directory.Build.props" "$repo_root/Directory.Packages.props" \
    -not -path '*/bin/*' -not -path '*/obj/*')"
  export RESILIENCE_APP_IMAGE="resilience/app:$app_hash"
  if ! image_exists "$RESILIENCE_APP_IMAGE"; then
    local started=$SECONDS
    log "building $RESILIENCE_APP_IMAGE from app/Dockerfile"
    if ! docker build --quiet --file "$repo_root/app/Dockerfile" --tag "$RESILIENCE_APP_IMAGE" \
      --build-arg "SDK_IMAGE=$sdk_tag" --build-arg "RUNTIME_IMAGE=$runtime_image" "$repo_root" > /dev/null 2> "$repo_root/artifacts/app-image.log"; then
      log "building the app's image failed:"; tail -n 30 "$repo_root/artifacts/app-image.log" >&2; return 1
    fi
    log "built $RESILIENCE_APP_IMAGE in $((SECONDS - started)) s"
  fi
}
