#!/usr/bin/env bash
# Installs, from Debian's packages, what Agent Foundry needs besides Java, for its tests and for scripts/run-local.sh:
#   - python3 with FastAPI, uvicorn and botocore: generated code is checked with python3's ast module, and the
#     generated agentcore_server.py runs under the real FastAPI and uvicorn in generator-service's contract test;
#   - docker-registry: the OCI registry images are pushed to on 127.0.0.1;
#   - podman, runc, containernetworking-plugins, iptables: the container engine LOCAL runtimes run on, through its
#     Docker-compatible API (configured by scripts/podman/containers.conf);
#   - debootstrap: makes the offline test runtime's root filesystem (runtime-images/offline-test-runtime/build.sh).
# Idempotent: returns at once when everything is already installed.
#
#   scripts/install-prerequisites.sh        (as root, or through sudo when it is available)
set -euo pipefail

PACKAGES=(python3 python3-fastapi python3-uvicorn python3-botocore docker-registry
          podman runc containernetworking-plugins iptables debootstrap)

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
