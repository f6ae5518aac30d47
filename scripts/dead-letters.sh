#!/usr/bin/env bash
# What the services could not process, and a replay of it. Each service keeps its own dead letters (the record as it
# was read, why it failed) and replays one through the same handler; a replay is idempotent.
#
#   scripts/dead-letters.sh                        every service's open dead letters (list)
#   scripts/dead-letters.sh list [all|open|replayed]
#   scripts/dead-letters.sh show <service> <id>    one dead letter, with the record's value
#   scripts/dead-letters.sh replay <service> <id>  handle it again (X-Replayed-By: $USER)
#
# <service> is registry, generator, builder, deployer or tester. The services are looked for on HOST (127.0.0.1) at
# the ports scripts/run-local.sh gives them (REGISTRY_PORT 8080 ... TESTER_PORT 8084).
set -euo pipefail

HOST="${HOST:-127.0.0.1}"
declare -A PORTS=([registry]="${REGISTRY_PORT:-8080}" [generator]="${GENERATOR_PORT:-8081}"
  [builder]="${BUILDER_PORT:-8082}" [deployer]="${DEPLOYER_PORT:-8083}" [tester]="${TESTER_PORT:-8084}")
ORDER=(registry generator builder deployer tester)

url_of() {
  local service="${1%-service}"
  [ -n "${PORTS[$service]:-}" ] || { echo "No service '$1': one of ${ORDER[*]}" >&2; exit 2; }
  echo "http://$HOST:${PORTS[$service]}/api/dead-letters"
}

command="${1:-list}"
case "$command" in
  list)
    status="${2:-open}"
    for service in "${ORDER[@]}"; do
      answer="$(curl -fsS "$(url_of "$service")?status=$status&size=200" 2>/dev/null)" \
        || { echo "$service-service: not reachable"; continue; }
      python3 -c '
import json, sys
letters = json.loads(sys.argv[2])
print("%s-service: %d %s dead letter(s)" % (sys.argv[1], len(letters), sys.argv[3]))
for letter in letters:
    state = "replayed " + letter["replayedAt"] if letter.get("replayedAt") else "open"
    print("  #%d %s %s-%d@%d job %s (%s): %s" % (letter["id"], letter["deadLetteredAt"], letter["topic"],
          letter["partition"], letter["offset"], letter.get("jobId") or "-", state, letter["reason"][:160]))' \
        "$service" "$answer" "$status"
    done ;;
  show)
    [ $# -eq 3 ] || { echo "usage: $0 show <service> <id>" >&2; exit 2; }
    curl -fsS "$(url_of "$2")/$3" | python3 -m json.tool ;;
  replay)
    [ $# -eq 3 ] || { echo "usage: $0 replay <service> <id>" >&2; exit 2; }
    answer="$(curl -sS -w '\n%{http_code}' -X POST -H "X-Replayed-By: ${USER:-operator}" "$(url_of "$2")/$3/replay")"
    code="${answer##*$'\n'}"
    echo "${answer%$'\n'*}" | python3 -m json.tool
    [ "$code" = "200" ] ;;
  *)
    echo "usage: $0 [list [all|open|replayed] | show <service> <id> | replay <service> <id>]" >&2; exit 2 ;;
esac
