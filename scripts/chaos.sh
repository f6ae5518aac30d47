#!/usr/bin/env bash
# The chaos run: N jobs (default 200) through the whole system while services are kill -9'd at random, PostgreSQL and
# the Kafka broker restart and the container engine pauses; then a report of what the system made of it (jobs by
# outcome, outcome events per step per job, containers and images per job, dead letters, jobs not ended, the slowest
# job) on stdout and as JSON. Loopback only; bounded by its time limit; it stops by itself. Exit 0 only if every
# guarantee held. CI runs a short one (system-tests ChaosRunIT).
#
#   scripts/chaos.sh                                  200 jobs, 20 kills, 3 PostgreSQL and 3 broker restarts, 3 pauses
#   scripts/chaos.sh jobs=50 kills=8 seed=42          any of: jobs kills postgres-restarts broker-restarts
#                                                     engine-pauses submit-interval time-limit seed report
#
# SKIP_BUILD=1 reuses the last build. The report goes to system-tests/target/chaos/chaos-report.json.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
scripts/install-prerequisites.sh
case "$(uname -m)" in aarch64|arm64) ARCH=arm64 ;; *) ARCH=amd64 ;; esac
runtime-images/offline-test-runtime/build.sh --arch "$ARCH" >/dev/null
if [ "${SKIP_BUILD:-}" != "1" ]; then
  ./mvnw -B -q install -DskipTests
fi
CLASSPATH_FILE="$ROOT/system-tests/target/chaos.classpath"
./mvnw -B -q -pl system-tests dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=runtime
cd "$ROOT/system-tests"
exec java -Xmx1g -cp "target/classes:$(cat "$CLASSPATH_FILE")" io.agentfoundry.system.chaos.ChaosRun "$@"
