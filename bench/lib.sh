# Sourced by every benchmark script: a throwaway work folder that is deleted on exit together with every process
# whose pid is added to `pids`, and the helpers they all use.
# Provides: work, pids, require_commands, free_port, password, wait_until, median, ratio_median.

# Installs the Debian packages of the commands a benchmark uses when they are missing (root), or says which to
# install: `require_commands wrk:wrk pgbench:postgresql-contrib` (command:package).
require_commands() {
  local missing=() spec
  for spec in "$@"; do command -v "${spec%%:*}" >/dev/null || missing+=("${spec#*:}"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing: run sudo apt-get install -y ${missing[*]}" >&2
    return 1
  fi
  echo "installing ${missing[*]} ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }
}

work="$(mktemp -d /tmp/resilience-bench.XXXXXX)"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
password() { head -c 18 /dev/urandom | base64 | tr -d '/+='; }
wait_until() { for _ in $(seq 100); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "timed out: $*" >&2; return 1; }

# The median of numbers given one per line or separated by spaces.
median() { tr -s ' \t' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The median of the per-round ratios (in %) of two space-separated series measured round by round: each round runs
# both sides back to back, so the median of its ratios shrugs off load swings between rounds.
ratio_median() { paste <(tr -s ' ' '\n' <<<"$1" | grep .) <(tr -s ' ' '\n' <<<"$2" | grep .) | awk '{ print 100 * $2 / $1 }' | median; }
