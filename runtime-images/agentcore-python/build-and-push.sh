#!/usr/bin/env bash
# Builds the AgentCore runtime base for linux/arm64 (what AgentCore runs) and linux/amd64 (local runs) and pushes it as
# one multi-arch image, then prints the digest to configure builder-service with:
#   agentfoundry.builder.base-image=<image>@<digest>
#
#   runtime-images/agentcore-python/build-and-push.sh <registry>/<repository>:<tag>
#   e.g. runtime-images/agentcore-python/build-and-push.sh 123456789012.dkr.ecr.us-east-1.amazonaws.com/agentfoundry/agentcore-python:2026-11-24
#
# Needs Docker with buildx (and, on an amd64 machine, QEMU emulation for arm64: docker run --privileged --rm
# tonistiigi/binfmt --install arm64), internet access to PyPI and the base image's registry, and a login to the
# target registry (for ECR: aws ecr get-login-password | docker login --username AWS --password-stdin <registry>).
# Agent Foundry's own machines have none of these: there, build the offline test runtime instead
# (runtime-images/offline-test-runtime/build.sh).
set -euo pipefail
IMAGE="${1:?usage: $0 <registry>/<repository>:<tag>}"
case "${IMAGE##*/}" in *:*) ;; *) echo "Give an explicit tag (never latest): $IMAGE" >&2; exit 2 ;; esac
[ "${IMAGE##*:}" != latest ] || { echo "Tags are immutable here: use a dated or versioned tag, not latest" >&2; exit 2; }

HERE="$(cd "$(dirname "$0")" && pwd)"
docker buildx build --platform linux/arm64,linux/amd64 --tag "$IMAGE" --push "$HERE"
DIGEST="$(docker buildx imagetools inspect "$IMAGE" --format '{{json .Manifest}}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["digest"])')"
echo "Pushed $IMAGE@$DIGEST"
echo "Configure builder-service with: agentfoundry.builder.base-image=${IMAGE%:*}@$DIGEST"
echo "                              agentfoundry.builder.require-base-packages=true"
