#!/usr/bin/env bash
# Runs every test of Agent Foundry: unit, service (@QuarkusTest on a real Kafka broker and PostgreSQL started in the
# test JVM) and end-to-end (the five packaged services as processes). First makes sure the Debian packages some tests
# use (python3 with FastAPI and uvicorn, docker-registry) are installed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if [ -x "$ROOT/scripts/install-test-prerequisites.sh" ]; then
  "$ROOT/scripts/install-test-prerequisites.sh"
fi
cd "$ROOT"
exec ./mvnw -B verify "$@"
