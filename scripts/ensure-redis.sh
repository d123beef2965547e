#!/usr/bin/env bash
# Makes sure the tests can have a Redis (test/registry/support/redis.ts):
# a Redis answering at REDIS_URL or on 127.0.0.1:6379, or a redis-server on PATH for the tests to
# start on free ports. When there is none of these, installs Debian's redis-server with apt-get
# (as root, or through sudo), without starting it as a service: the tests start their own.
set -euo pipefail

# True when a Redis answers PING at host:port within a second (bash's /dev/tcp: no redis-cli needed).
answers() {
  local host=$1 port=$2 reply=''
  { exec 3<>"/dev/tcp/${host}/${port}"; } 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  IFS= read -r -t 1 reply <&3 || true
  exec 3<&- 3>&-
  [[ "$reply" == "+PONG"* ]]
}

# host and port of a redis:// URL (credentials, db and TLS are not checked here: the tests will say).
url_host_port() {
  local rest=${1#*://}
  rest=${rest##*@}
  rest=${rest%%/*}
  local host=${rest%:*} port=6379
  [[ "$rest" == *:* ]] && port=${rest##*:}
  echo "$host" "$port"
}

if [[ -n "${REDIS_URL:-}" ]]; then
  read -r host port < <(url_host_port "$REDIS_URL")
  if answers "$host" "$port"; then echo "ensure-redis: using REDIS_URL ($host:$port)"; exit 0; fi
  echo "ensure-redis: REDIS_URL ($host:$port) does not answer" >&2
elif answers 127.0.0.1 6379; then
  echo "ensure-redis: using the Redis on 127.0.0.1:6379"; exit 0
fi

if command -v redis-server >/dev/null 2>&1; then
  echo "ensure-redis: redis-server is on PATH ($(command -v redis-server)); the tests start their own"
  exit 0
fi

SUDO=''
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then SUDO='sudo -n'; else
    echo "ensure-redis: no Redis and no redis-server, and not root: install redis-server, or set REDIS_URL" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-redis: no Redis and no redis-server, and no apt-get: install redis-server, or set REDIS_URL" >&2
  exit 1
fi

echo "ensure-redis: installing Debian's redis-server"
# policy-rc.d exit 101 keeps the package from starting a service (there may be no init system).
POLICY=/usr/sbin/policy-rc.d
CREATED_POLICY=''
if [[ ! -e $POLICY ]]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
  $SUDO chmod +x "$POLICY"
  CREATED_POLICY=1
fi
trap '[[ -n "$CREATED_POLICY" ]] && $SUDO rm -f "$POLICY"' EXIT
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
command -v redis-server >/dev/null 2>&1 || { echo "ensure-redis: redis-server is still not on PATH" >&2; exit 1; }
echo "ensure-redis: installed $(redis-server --version | head -n1)"
