#!/bin/sh
# The official redis image's entrypoint contract: see docker/images/README.md.
set -eu

if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi

if [ "$1" = 'redis-server' ] && [ "$(id -u)" = '0' ]; then
  find . \! -user redis -exec chown redis '{}' +
  exec setpriv --reuid=redis --regid=redis --init-groups "$0" "$@"
fi

if [ "$1" = 'redis-server' ]; then
  # The official image compiles protected mode off (the container's network is the boundary); Debian's build
  # has it on. The same default is given here first, so a given config file or argument still decides.
  shift
  case "${1:-}" in
    *.conf)
      defaults="$(mktemp --suffix=.conf /tmp/redis-defaults.XXXXXX)"
      printf 'protected-mode no\ninclude %s\n' "$(realpath "$1")" > "$defaults"
      shift
      set -- redis-server "$defaults" "$@" ;;
    *) set -- redis-server --protected-mode no "$@" ;;
  esac
  umask 0077
fi

exec "$@"
