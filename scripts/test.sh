#!/usr/bin/env bash
# Runs every test of Agent Foundry: unit, service (@QuarkusTest on a real Kafka broker and PostgreSQL started in the
# test JVM; the deployer's on a real Podman engine and a real registry) and end-to-end (the five packaged services as
# processes, agents built on the offline test runtime and run as containers). First installs the Debian packages the
# tests use (scripts/install-prerequisites.sh) and builds the offline test runtime for this machine's architecture
# when it is not cached yet (runtime-images/offline-test-runtime/build.sh: ≈ 2 min the first time, seconds after).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
scripts/install-prerequisites.sh
case "$(uname -m)" in aarch64|arm64) ARCH=arm64 ;; *) ARCH=amd64 ;; esac
runtime-images/offline-test-runtime/build.sh --arch "$ARCH"
exec ./mvnw -B verify "$@"
