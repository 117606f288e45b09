# The harness as a team outside this repository takes it in: packed into the local feed artifacts/packages, the
# sample's tests and a project generated from the template built against that feed (not the projects), and the
# .NET tools installed from it and run. Sourced by scripts/test.sh after common.sh, not executed.

package_feed="$repo_root/artifacts/packages"
template_check_root="$repo_root/artifacts/template-check"
# Repository-relative, as run_test_projects takes it.
template_project="artifacts/template-check/Inventory.TemplateTests"
tool_path="$repo_root/artifacts/tools"

# The version the solution packs, read off the bundle's file name (Resilience.Testing.<version>.nupkg).
packed_version() {
  local bundle
  bundle="$(compgen -G "$package_feed/Resilience.Testing.*.nupkg" | head -n 1)"
  [ -n "$bundle" ] || { log "no Resilience.Testing package in $package_feed"; return 1; }
  bundle="${bundle##*/Resilience.Testing.}"
  echo "${bundle%.nupkg}"
}

# dotnet pack of the built solution; then the machine's NuGet cache forgets the harness's packages, because it keeps
# a version once it has one: a consumer would otherwise restore the 0.1.0 of an earlier build.
pack_packages() {
  local version cache nupkg id
  log "packing into artifacts/packages"
  rm -rf "$package_feed"
  dotnet pack "$repo_root/Resilience.sln" --configuration "$configuration" --no-build --verbosity quiet -nologo
  version="$(packed_version)"
  cache="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"
  for nupkg in "$package_feed"/*."$version".nupkg; do
    id="$(basename "$nupkg" ".$version.nupkg")"
    rm -rf "${cache%/}/${id,,}/$version"
  done
  log "packed $(ls "$package_feed"/*.nupkg | wc -l) packages, version $version"
}

# The sample's tests reference Resilience.Testing from the feed (samples/Inventory/Inventory.ChaosTests/nuget.config).
build_sample_from_packages() {
  log "building the sample's tests against the packages"
  dotnet build "$repo_root/samples/Inventory/Inventory.ChaosTests" --configuration "$configuration" --verbosity quiet -nologo
}

# Installs the template package into a private hive, generates a test project for the sample service as a new team
# would, and builds it against the feed. The project lives in its own folder fenced off from the repository's build
# settings (central package versions, warnings as errors), as a team's own repository would be; the service is
# named by its path from the repository's root, which the harness looks for upwards from the test's output.
generate_template_project() {
  local version hive
  version="$(packed_version)"
  hive="$template_check_root/hive"
  log "generating a project from the resilience-tests template"
  rm -rf "$template_check_root"
  mkdir -p "$template_check_root"
  printf '<Project>\n  <!-- Fences the generated project off from the repository'\''s build settings. -->\n</Project>\n' \
    | tee "$template_check_root/Directory.Build.props" > "$template_check_root/Directory.Packages.props"
  cat > "$template_check_root/nuget.config" <<'EOF'
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="resilience-local" value="../packages" />
  </packageSources>
</configuration>
EOF
  dotnet new install "$package_feed/Resilience.Templates.$version.nupkg" --debug:custom-hive "$hive" > /dev/null
  dotnet new resilience-tests --debug:custom-hive "$hive" -n Inventory.TemplateTests -o "$repo_root/$template_project" \
    --service-project samples/Inventory/Inventory.Service/Inventory.Service.csproj --health-path /healthz \
    --postgres-name inventory-db --postgres-key Inventory:Database --redis-name stock-cache --redis-key Inventory:Cache \
    --breaker-switch Inventory:Breakers:Enabled --request-budget-ms 1000 \
    --read-path '/stock/SKU-{id}' --write-path /reservations --write-body '{"sku":"SKU-{id}","quantity":1}' \
    --idempotency-header Request-Id --acknowledged-id reservationId \
    --ledger-table reservations --ledger-id-column id --ledger-key-column request_id > /dev/null
  grep -q "Include=\"Resilience.Testing\" Version=\"$version\"" "$repo_root/$template_project/Inventory.TemplateTests.csproj" \
    || { log "the generated project does not reference Resilience.Testing $version"; return 1; }
  dotnet build "$repo_root/$template_project" --configuration "$configuration" --verbosity quiet -nologo
}

# Waits up to $2 seconds for "$1" (a command) to succeed, checking every 0.2 s.
wait_until() {
  local condition="$1" deadline=$((SECONDS + $2))
  until eval "$condition"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

# Installs each tool from the feed into a private tool path, runs its --help and one real command:
# toxiproxy-server answers GET /version and creates a proxy; resilience-load drives that server for 2 s;
# resilience-stack up brings the reference app's stack up (from the app it carries) and takes it down on SIGTERM.
check_tools() {
  local id tool help pid out api env_file app_url status
  log "installing the .NET tools from the feed"
  rm -rf "$tool_path"
  for id in Resilience.Toxics.Server Resilience.Load.Cli Resilience.Reports.Cli Resilience.Stack.Cli; do
    dotnet tool install --tool-path "$tool_path" --add-source "$package_feed" --version "$(packed_version)" "$id" > /dev/null
  done
  for tool in toxiproxy-server resilience-load resilience-report resilience-stack; do
    help="$("$tool_path/$tool" --help)"
    [[ "$help" == *$'\nUsage:\n'* ]] || { log "$tool --help printed no usage"; return 1; }
  done

  out="$(mktemp -d)"
  # Port 0: the server picks a free port and announces its API address.
  "$tool_path/toxiproxy-server" --port 0 > "$out/server.log" 2>&1 &
  pid=$!
  status=0
  if wait_until "grep -q 'listening on http://127.0.0.1:' '$out/server.log' || ! kill -0 $pid 2> /dev/null" 30 \
    && api="$(grep -o 'http://127.0.0.1:[0-9]*' "$out/server.log" | head -n 1)" && [ -n "$api" ] \
    && curl -fsS "$api/version" > "$out/version" \
    && curl -fsS -X POST "$api/proxies" -H 'Content-Type: application/json' \
         -d '{"name":"tool-check","listen":"127.0.0.1:0","upstream":"127.0.0.1:9"}' > /dev/null \
    && [[ "$(curl -fsS "$api/proxies")" == *'"tool-check"'* ]] \
    && "$tool_path/resilience-load" --url "$api/version" --rate 50 --duration 2s \
         --threshold 'error_rate<1%' > "$out/load.log" 2>&1; then
    log "toxiproxy-server answered GET /version with $(cat "$out/version") and made a proxy; resilience-load drove it for 2 s"
  else
    log "toxiproxy-server or resilience-load failed:"; cat "$out/server.log" "$out/load.log" >&2 2> /dev/null || true
    status=1
  fi
  kill "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  [ $status -eq 0 ] || { rm -rf "$out"; return 1; }

  env_file="$out/stack.env"
  "$tool_path/resilience-stack" up --toxiproxy-port 0 --env-file "$env_file" > "$out/stack.log" 2>&1 &
  pid=$!
  if wait_until "[ -s '$env_file' ] || ! kill -0 $pid 2> /dev/null" 120 && [ -s "$env_file" ]; then
    app_url="$(sed -n 's/^RESILIENCE_APP_URL=//p' "$env_file")"
    curl -fsS "$app_url/health/ready" > /dev/null || status=1
  else
    status=1
  fi
  kill -TERM "$pid" 2> /dev/null || true
  wait "$pid" || status=1
  if [ $status -ne 0 ] || [ -e "$env_file" ]; then
    log "resilience-stack up did not come up, answer and stop cleanly:"; cat "$out/stack.log" >&2
    rm -rf "$out"
    return 1
  fi
  log "resilience-stack up served the reference app at $app_url and stopped on SIGTERM"
  rm -rf "$out"
}

# resilience-report over the run records the generated project's tests wrote (its suite is "TemplateTests").
check_report_tool() {
  local runs report
  runs="$(ls -td "$repo_root"/artifacts/resilience/runs/*/ 2> /dev/null \
    | while read -r folder; do compgen -G "${folder}TemplateTests.*.json" > /dev/null && { echo "$folder"; break; }; done)"
  [ -n "$runs" ] || { log "no run records of the generated project's tests"; return 1; }
  report="$(mktemp -d)"
  if ! "$tool_path/resilience-report" --runs "$runs" --out "$report" --run-id tool-check > "$report/output" 2>&1 \
    || [ ! -s "$report/tool-check/report.html" ]; then
    log "resilience-report did not report on $runs:"; cat "$report/output" >&2
    rm -rf "$report"
    return 1
  fi
  log "resilience-report: $(grep '^Verdict' "$report/output")"
  rm -rf "$report"
}
