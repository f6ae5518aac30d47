#!/usr/bin/env bash
# Builds Agent Foundry, starts Kafka and PostgreSQL (no Docker needed), a local OCI registry, a Podman engine and the
# five services, submits the sample agent and prints the job's progress until it ends: generated, built on the offline
# test runtime, pushed to the registry, run as a container, tested. Then keeps everything running until Ctrl-C.
# Sets up what it needs itself: Debian packages (scripts/install-prerequisites.sh) and the offline test runtime
# (runtime-images/offline-test-runtime/build.sh, ≈ 2 min the first time). Needs root (apt, debootstrap, podman).
# Kafka, PostgreSQL and the registry keep their data in .run/: a later run finds the earlier runs' jobs, topics and
# offsets, and lists the jobs it knows.
#
#   scripts/run-local.sh                    run, submit samples/weather-agent.json, follow it, keep running
#   scripts/run-local.sh --once             the same, then stop everything; exit 0 only if the job succeeded
#   scripts/run-local.sh stop               stop what an earlier run left running (its agents torn down)
#   scripts/run-local.sh restart kafka      restart the broker (or postgres) while the services run; also
#                                           stop kafka|postgres and start kafka|postgres
#
# Environment: KAFKA_PORT (9092), POSTGRES_PORT (15432), REGISTRY_PORT (5000), JOB_TIMEOUT (900 s), SPEC (the spec file to submit), SKIP_BUILD=1 to reuse the
# last build. AGENTFOUNDRY_POSTGRES_HOST (+ _PORT, _ADMIN_USER, _ADMIN_PASSWORD) uses an external PostgreSQL instead
# of the embedded one.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STATE="$ROOT/.run"
LOGS="$STATE/logs"
SERVICES=(registry-service generator-service builder-service deployer-service tester-service)
PORTS=(8080 8081 8082 8083 8084)
export KAFKA_PORT="${KAFKA_PORT:-9092}"
export POSTGRES_PORT="${POSTGRES_PORT:-15432}"
REGISTRY_PORT="${REGISTRY_PORT:-5000}"
REGISTRY="127.0.0.1:$REGISTRY_PORT"
ENGINE_SOCKET="$STATE/podman.sock"
case "$(uname -m)" in aarch64|arm64) ARCH=arm64 ;; *) ARCH=amd64 ;; esac
RUNTIME_TAR="${AGENTFOUNDRY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/agentfoundry}/offline-test-runtime/images/offline-test-runtime-$ARCH.tar"
export AGENTFOUNDRY_STATE_DIR="$STATE"
SPEC="${SPEC:-$ROOT/samples/weather-agent.json}"
JOB_TIMEOUT="${JOB_TIMEOUT:-900}"

say() { printf '\033[1m[agent-foundry]\033[0m %s\n' "$*"; }

# podman's CLI, configured like the engine this script starts
podman_cli() {
  CONTAINERS_CONF="$ROOT/scripts/podman/containers.conf" CONTAINERS_REGISTRIES_CONF="$STATE/registries.conf" podman "$@"
}

# the control endpoint of the infrastructure process (LocalInfrastructure), for restarts of the broker and PostgreSQL
control() {
  [ -s "$STATE/infrastructure.control" ] || { echo "No infrastructure is running (no $STATE/infrastructure.control)" >&2; exit 1; }
  curl -fsS -X POST "$(cat "$STATE/infrastructure.control")/$1/$2"
}

stop_all() {
  # the agents this installation's runs submitted are torn down through the deployer, which records it
  if [ -s "$STATE/jobs.txt" ] && curl -fs -o /dev/null "http://127.0.0.1:8083/q/health/live" 2>/dev/null; then
    while read -r job; do
      curl -fs -o /dev/null -X DELETE "http://127.0.0.1:8083/api/deployments/$job" 2>/dev/null || true
    done < "$STATE/jobs.txt"
  fi
  if [ -e "$STATE/pids/engine.pid" ] && command -v podman >/dev/null; then
    # the agents' containers this deployment started
    for container in $(podman_cli ps -aq --filter label=io.agentfoundry.job-id 2>/dev/null); do
      podman_cli rm -f "$container" >/dev/null 2>&1 || true
    done
  fi
  if [ -d "$STATE/pids" ]; then
    # services first, then the broker and database they depend on
    for pidfile in "$STATE"/pids/*-service.pid "$STATE/pids/infrastructure.pid" \
        "$STATE/pids/engine.pid" "$STATE/pids/registry.pid"; do
      [ -e "$pidfile" ] || continue
      pid="$(cat "$pidfile")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$pidfile"
    done
  fi
  rm -f "$STATE/infrastructure.control"
}

if [ "${1:-}" = "stop" ] && [ $# -eq 1 ]; then
  stop_all
  say "stopped"
  exit 0
fi
case "${1:-}" in
  restart|stop|start)
    case "${2:-}" in kafka|postgres) control "$2" "$1"; exit ;; esac
    echo "usage: $0 [--once | stop | restart|stop|start kafka|postgres]" >&2; exit 2 ;;
esac
ONCE=false
[ "${1:-}" = "--once" ] && ONCE=true

command -v java >/dev/null || { echo "Java 17 or newer is needed on the PATH" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is needed on the PATH" >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is needed on the PATH (to read JSON answers)" >&2; exit 1; }

stop_all
# --once leaves nothing running, however it ends
$ONCE && trap stop_all EXIT
mkdir -p "$LOGS" "$STATE/pids"
started_at=$(date +%s)

say "checking prerequisites (Debian packages: podman, docker-registry, debootstrap, python3 with FastAPI)"
"$ROOT/scripts/install-prerequisites.sh"
say "offline test runtime for linux/$ARCH (the agents' base image: Debian python3, FastAPI, uvicorn and a TEST DOUBLE of strands)"
"$ROOT/runtime-images/offline-test-runtime/build.sh" --arch "$ARCH" | sed 's/^/    /'

if [ "${SKIP_BUILD:-}" != "1" ]; then
  say "building (./mvnw install, tests skipped: run them with ./mvnw verify)"
  (cd "$ROOT" && ./mvnw -B -q install -DskipTests)
fi
(cd "$ROOT" && ./mvnw -B -q -pl test-infrastructure dependency:build-classpath \
  -Dmdep.outputFile="$STATE/infrastructure.classpath" -Dmdep.includeScope=runtime)

say "starting Kafka (KRaft, port $KAFKA_PORT) and PostgreSQL (port $POSTGRES_PORT${AGENTFOUNDRY_POSTGRES_HOST:+, external at $AGENTFOUNDRY_POSTGRES_HOST})"
java -Xmx512m -cp "$ROOT/test-infrastructure/target/classes:$(cat "$STATE/infrastructure.classpath")" \
  io.agentfoundry.testinfra.LocalInfrastructure > "$LOGS/infrastructure.log" 2>&1 &
echo $! > "$STATE/pids/infrastructure.pid"; disown
for _ in $(seq 1 120); do
  grep -q '^READY ' "$LOGS/infrastructure.log" 2>/dev/null && break
  kill -0 "$(cat "$STATE/pids/infrastructure.pid")" 2>/dev/null || { cat "$LOGS/infrastructure.log" >&2; exit 1; }
  sleep 0.5
done
READY="$(grep '^READY ' "$LOGS/infrastructure.log")" || { echo "Kafka/PostgreSQL did not start; see $LOGS/infrastructure.log" >&2; exit 1; }
setting() { tr ' ' '\n' <<<"$READY" | sed -n "s/^$1=//p"; }
KAFKA="$(setting kafka)"
setting control > "$STATE/infrastructure.control"

say "starting an OCI registry on $REGISTRY and a Podman engine on $ENGINE_SOCKET"
mkdir -p "$STATE/registry"
cat > "$STATE/registry/config.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $STATE/registry/data
http:
  addr: $REGISTRY
YAML
docker-registry serve "$STATE/registry/config.yml" > "$LOGS/registry.log" 2>&1 &
echo $! > "$STATE/pids/registry.pid"; disown
printf 'unqualified-search-registries = []\n\n[[registry]]\nlocation = "%s"\ninsecure = true\n' "$REGISTRY" > "$STATE/registries.conf"
rm -f "$ENGINE_SOCKET"
CONTAINERS_CONF="$ROOT/scripts/podman/containers.conf" CONTAINERS_REGISTRIES_CONF="$STATE/registries.conf" \
  podman --log-level=warn system service --time=0 "unix://$ENGINE_SOCKET" > "$LOGS/podman.log" 2>&1 &
echo $! > "$STATE/pids/engine.pid"; disown
for _ in $(seq 1 60); do
  [ -S "$ENGINE_SOCKET" ] && curl -fs "http://$REGISTRY/v2/" >/dev/null && break
  sleep 0.5
done
[ -S "$ENGINE_SOCKET" ] || { echo "podman did not open $ENGINE_SOCKET; see $LOGS/podman.log" >&2; exit 1; }
curl -fs "http://$REGISTRY/v2/" >/dev/null || { echo "the registry did not start; see $LOGS/registry.log" >&2; exit 1; }

# settings only one service reads, as separate words whatever the paths hold
service_settings() {
  SETTINGS=()
  case "$1" in
    builder-service) SETTINGS=("-Dagentfoundry.builder.base-image=docker-archive:$RUNTIME_TAR"
      "-Dagentfoundry.builder.require-base-packages=true"
      "-Dagentfoundry.builder.registry=$REGISTRY" "-Dagentfoundry.builder.allow-insecure-registries=true"
      "-Dagentfoundry.builder.platforms=linux/$ARCH" "-Dagentfoundry.builder.output-dir=$STATE/images") ;;
    deployer-service) SETTINGS=("-Dagentfoundry.deployer.local.engine-host=unix://$ENGINE_SOCKET"
      "-Dagentfoundry.deployer.local.archive-dir=$STATE/images") ;;
    tester-service) SETTINGS=("-Dagentfoundry.tester.local.engine-host=unix://$ENGINE_SOCKET") ;;
    generator-service) SETTINGS=("-Dagentfoundry.generator.public-url=http://127.0.0.1:8081") ;;
  esac
}

for i in "${!SERVICES[@]}"; do
  service="${SERVICES[$i]}"
  database="${service%-service}"
  service_settings "$service"
  java -Xmx256m -XX:+UseSerialGC "${SETTINGS[@]}" \
    -Dquarkus.http.port="${PORTS[$i]}" \
    -Dkafka.bootstrap.servers="$KAFKA" \
    -Dquarkus.datasource.jdbc.url="$(setting "$database")" \
    -jar "$ROOT/$service/target/quarkus-app/quarkus-run.jar" > "$LOGS/$service.log" 2>&1 &
  echo $! > "$STATE/pids/$service.pid"; disown
done
say "starting the five services (logs in $LOGS)"
services_since=$(date +%s)
for i in "${!SERVICES[@]}"; do
  until curl -fs "http://127.0.0.1:${PORTS[$i]}/q/health/ready" >/dev/null; do
    kill -0 "$(cat "$STATE/pids/${SERVICES[$i]}.pid")" 2>/dev/null \
      || { echo "${SERVICES[$i]} exited; see $LOGS/${SERVICES[$i]}.log" >&2; tail -20 "$LOGS/${SERVICES[$i]}.log" >&2; exit 1; }
    if [ $(( $(date +%s) - services_since )) -gt 300 ]; then
      echo "${SERVICES[$i]} is not ready after 300 s; see $LOGS/${SERVICES[$i]}.log" >&2; exit 1
    fi
    sleep 0.5
  done
  say "  ${SERVICES[$i]} ready on http://127.0.0.1:${PORTS[$i]}"
done

say "submitting $(basename "$SPEC")"
answer="$(curl -fsS -X POST -H 'Content-Type: application/json' --data-binary @"$SPEC" http://127.0.0.1:8080/api/agents)"
JOB="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["jobId"])' <<<"$answer")"
echo "$JOB" >> "$STATE/jobs.txt"
say "job $JOB accepted; following it (GET http://127.0.0.1:8080/api/agents/$JOB)"

last=""
followed_since=$(date +%s)
while true; do
  view="$(curl -fsS "http://127.0.0.1:8080/api/agents/$JOB")"
  line="$(python3 -c '
import json, sys
job = json.load(sys.stdin)
steps = " ".join("%s=%s" % (s["step"].lower(), s["status"]) for s in job["steps"])
print(job["status"] + " | " + steps)' <<<"$view")"
  if [ "$line" != "$last" ]; then say "  $line"; last="$line"; fi
  status="${line%% *}"
  case "$status" in SUCCEEDED|FAILED|CANCELLED) break ;; esac
  if [ $(( $(date +%s) - followed_since )) -gt "$JOB_TIMEOUT" ]; then
    say "job $JOB has not ended after $JOB_TIMEOUT s; see the logs in $LOGS"; exit 1
  fi
  sleep 0.5
done
python3 -c '
import json, sys
job = json.load(sys.stdin)
for s in job["steps"]:
    took = "" if s.get("durationMs") is None else " (%d ms)" % s["durationMs"]
    detail = s.get("errorMessage") or json.dumps(s.get("result")) if s.get("result") or s.get("errorMessage") else ""
    print("  %-8s %-9s%s %s" % (s["step"].lower(), s["status"], took, detail))
if job.get("failure"):
    print("  failure: " + job["failure"])' <<<"$view"
say "job $JOB ended $status after $(( $(date +%s) - started_at )) s from the start of this script"
report="$(curl -fsS "http://127.0.0.1:8084/api/test-runs/$JOB" 2>/dev/null || true)"
if [ -n "$report" ]; then
  python3 -c '
import json, sys
run = json.load(sys.stdin)
print("  test run: %s" % run.get("summary", ""))
for check in run.get("checks", []):
    print("    %s %s: %s" % ("PASS" if check["passed"] else "FAIL", check["name"], (check.get("detail") or "")[:200]))
    if check.get("excerpt"):
        print("      the agent said: %s" % check["excerpt"][:200])' <<<"$report"
fi
say "jobs of this installation (newest first; state in $STATE):"
curl -fsS "http://127.0.0.1:8080/api/agents?size=20" | python3 -c '
import json, sys
page = json.load(sys.stdin)
for job in page.get("items", page if isinstance(page, list) else []):
    print("    %s  %-9s %-20s %s" % (job["createdAt"][:19], job["status"], job.get("agentName") or "", job["jobId"]))
total = page.get("totalItems") if isinstance(page, dict) else None
if total is not None and total > 20:
    print("    ... %d in all" % total)' || true
say "runtime base: agentfoundry/offline-test-runtime for linux/$ARCH ($RUNTIME_TAR): Debian's python3, FastAPI and"
say "  uvicorn with a TEST DOUBLE of strands (its Agent echoes the prompt; no model is called). The agent ran as a"
say "  Podman container on 127.0.0.1; GET http://127.0.0.1:8083/api/deployments/$JOB shows it, DELETE tears it down."

if $ONCE; then
  stop_all
  [ "$status" = "SUCCEEDED" ]
  exit
fi
say "everything keeps running: registry http://127.0.0.1:8080/q/swagger-ui, bundles http://127.0.0.1:8081/api/generations/$JOB,"
say "  test report http://127.0.0.1:8084/api/test-runs/$JOB"
say "  dead letters: scripts/dead-letters.sh; restart the broker or PostgreSQL: scripts/run-local.sh restart kafka|postgres"
say "press Ctrl-C to stop (or run scripts/run-local.sh stop)"
trap 'stop_all; say stopped; exit 0' INT TERM
while true; do sleep 3600; done
