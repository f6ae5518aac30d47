#!/usr/bin/env bash
# Installs, from Debian's packages, what the tests need besides Java: the system python3 that checks generated code
# with its ast module, and the real FastAPI, uvicorn and botocore that generator-service's server contract test runs
# the generated agentcore_server.py under; and Debian's docker-registry, the OCI registry builder-service's tests start
# on 127.0.0.1 and push images to. Idempotent: returns at once when everything is already installed.
#
#   scripts/install-test-prerequisites.sh        (as root, or through sudo when it is available)
set -euo pipefail

PACKAGES=(python3 python3-fastapi python3-uvicorn python3-botocore docker-registry)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "Installing ${missing[*]} needs root or sudo" >&2; exit 1; }
  SUDO="sudo"
fi
echo "Installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
