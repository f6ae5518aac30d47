#!/usr/bin/env bash
# Builds Agent Foundry's OFFLINE TEST RUNTIME base image here, without Docker and without PyPI: Debian bookworm's
# python3 with FastAPI, uvicorn and boto3 (debootstrap from the configured apt mirror), plus a TEST DOUBLE of the
# strands and strands_tools packages (generator-service's, from generator-service/src/test/resources/python-test-doubles:
# its Agent answers "agent <n> call <k>: <prompt>", no model is ever called). jib-core, through
# io.agentfoundry.testinfra.images.OfflineRuntimeImage (test-infrastructure), turns each root filesystem into an image whose name
# (agentfoundry/offline-test-runtime) and labels (io.agentfoundry.test-runtime=true, io.agentfoundry.python-packages)
# say what it is. For CI, tests and offline demos; production agents use runtime-images/agentcore-python.
#
#   runtime-images/offline-test-runtime/build.sh [--arch amd64|arm64|all] [--registry HOST[:PORT]] [--tag TAG]
#
#   --arch      amd64 (default), arm64, or all: both when this machine can run arm64 binaries (natively, or through
#               qemu-user-static and binfmt_misc, which the script sets up when it can), else amd64 with a note.
#   --registry  push HOST/agentfoundry/offline-test-runtime:TAG-<arch> for each arch, and :TAG for all of them (a
#               manifest list when there are two). Plain HTTP is allowed for 127.0.0.1 and localhost.
#               Without it: docker-archive tars in $CACHE/images/offline-test-runtime-<arch>.tar, usable as
#               agentfoundry.builder.base-image=docker-archive:<path>.
#   --tag       default bookworm.
#
# A smoke test runs in each root filesystem (chroot; under qemu for arm64): imports, the double's answers, a FastAPI
# app served by uvicorn answering /ping and /invocations.
#
# Idempotent: each root filesystem is cached as a tarball in $CACHE (AGENTFOUNDRY_CACHE, default
# ~/.cache/agentfoundry/offline-test-runtime), keyed by the package list, so a second run skips debootstrap (≈ 1 min
# for amd64, ≈ 4 min for arm64 under qemu); the smoke test runs again only when the double or the test changed; the
# image itself is rebuilt each time (seconds). Needs root (debootstrap, chroot; the Debian tools are installed when
# missing) and Java 17; builds builder-service (./mvnw -pl builder-service -am package) when its packaged app is
# missing or older than its sources.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="${AGENTFOUNDRY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/agentfoundry}/offline-test-runtime"
SUITE=bookworm
PACKAGES=python3,python3-fastapi,python3-uvicorn,python3-boto3
# Debian packages whose upstream versions the python-packages label states, as "distribution=debian package"
LABELLED=(fastapi=python3-fastapi uvicorn=python3-uvicorn starlette=python3-starlette pydantic=python3-pydantic
          boto3=python3-boto3 botocore=python3-botocore)
DOUBLES="$ROOT/generator-service/src/test/resources/python-test-doubles"
# Only these of the doubles go into the runtime: the folder's boto3 double (for the generator's deploy-script tests)
# would hide Debian's real boto3.
DOUBLE_PACKAGES=(strands strands_tools)
DOUBLE="$CACHE/work/python-test-double"
# The double mimics the 1.x API (strands-agents) and 0.8.x (strands-agents-tools); the local version label says what it is.
DOUBLE_VERSIONS="strands-agents==1.0.0+agentfoundry.testdouble,strands-agents-tools==0.8.0+agentfoundry.testdouble"
TOOL_CLASSES="$ROOT/test-infrastructure/target/classes"
TOOL_CLASSPATH="$CACHE/work/test-infrastructure.classpath"

ARCH=amd64
REGISTRY=""
TAG=bookworm
while [ $# -gt 0 ]; do
  case "$1" in
    --arch) ARCH="$2"; shift 2 ;;
    --registry) REGISTRY="$2"; shift 2 ;;
    --tag) TAG="$2"; shift 2 ;;
    *) echo "Unknown argument $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
case "$ARCH" in amd64|arm64|all) ;; *) echo "--arch is amd64, arm64 or all, not $ARCH" >&2; exit 2 ;; esac
[ "$(id -u)" -eq 0 ] || { echo "debootstrap and chroot need root" >&2; exit 1; }
say() { echo "[offline-test-runtime] $*"; }

install_missing() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# The Debian mirror apt already uses here (the only package source these machines reach).
mirror() {
  local uri
  uri="$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -v security | grep -oE 'https?://[^ ]+/debian/?' | head -1)"
  echo "${uri:-http://deb.debian.org/debian}"
}

# arm64 binaries run natively on arm64, elsewhere through qemu-user-static registered with binfmt_misc.
arm64_runs() {
  [ "$(uname -m)" = aarch64 ] && return 0
  install_missing qemu-user-static binfmt-support
  if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null || return 1
  fi
  update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
  grep -q enabled /proc/sys/fs/binfmt_misc/qemu-aarch64 2>/dev/null
}

# Upstream version of a Debian package installed in the rootfs: 1.26.27+dfsg-1 -> 1.26.27
upstream_version() {
  dpkg-query --admindir="$1/var/lib/dpkg" -W -f='${Version}' "$2" | sed -E 's/^[0-9]+://; s/-[^-]*$//; s/[+~].*$//'
}

build_rootfs() {
  local arch="$1" tarball="$2" dir="$CACHE/rootfs-$arch"
  say "debootstrap $SUITE $arch ($PACKAGES) from $(mirror); takes minutes, once"
  rm -rf "$dir"
  debootstrap --arch="$arch" --variant=minbase --include="$PACKAGES" "$SUITE" "$dir" "$(mirror)" > "$CACHE/debootstrap-$arch.log" 2>&1 \
    || { tail -20 "$CACHE/debootstrap-$arch.log" >&2; exit 1; }
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* "$dir"/var/log/*
  # uid 1000, the user agent images run as, gets a name and a home
  grep -q '^agent:' "$dir/etc/passwd" || {
    echo "agent:x:1000:1000:Agent Foundry agent:/home/agent:/usr/sbin/nologin" >> "$dir/etc/passwd"
    echo "agent:x:1000:" >> "$dir/etc/group"
    mkdir -p "$dir/home/agent" && chown 1000:1000 "$dir/home/agent"
  }
  local label=""
  for entry in "${LABELLED[@]}"; do
    label+="${entry%%=*}==$(upstream_version "$dir" "${entry#*=}"),"
  done
  echo "$label" > "${tarball%.tar.gz}.packages"
  # /dev, /proc and /sys are the container runtime's to provide
  tar --numeric-owner --sort=name --mtime=@0 --pax-option=delete=atime,delete=ctime \
    --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -C "$dir" -cf - . | gzip -n > "$tarball.partial"
  sha256sum < "$tarball.partial" | cut -d' ' -f1 > "$tarball.sha256"
  mv "$tarball.partial" "$tarball"
  rm -rf "$dir"
}

# Runs smoke_test.py in a root filesystem unpacked from its tarball, with the double on PYTHONPATH. Remembers a pass
# per rootfs, double and test, so that it reruns only when one of them changed.
smoke_test() {
  local arch="$1" tarball="$2" checked dir
  checked="$CACHE/smoke-passed-$(cat "$tarball.sha256" <(find "$DOUBLE" "$HERE/smoke_test.py" -type f -not -path '*__pycache__*' \
    -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -c1-12)"
  [ -e "$checked" ] && return 0
  say "smoke test in the $arch root filesystem"
  dir="$(mktemp -d "$CACHE/smoke-$arch.XXXXXX")"
  tar -xzf "$tarball" -C "$dir" --numeric-owner
  # the tarball leaves /dev to the container runtime; python and uvicorn want these few
  mknod -m 666 "$dir/dev/null" c 1 3 && mknod -m 666 "$dir/dev/zero" c 1 5
  mknod -m 666 "$dir/dev/random" c 1 8 && mknod -m 666 "$dir/dev/urandom" c 1 9
  mkdir -p "$dir/tmp/smoke" && cp -r "$DOUBLE" "$dir/tmp/smoke/double" && cp "$HERE/smoke_test.py" "$dir/tmp/smoke/"
  if chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin PYTHONPATH=/tmp/smoke/double \
      PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 /tmp/smoke/smoke_test.py; then
    rm -rf "$dir"; touch "$checked"
  else
    rm -rf "$dir"; echo "The $arch offline test runtime failed its smoke test" >&2; exit 1
  fi
}

mkdir -p "$CACHE"
rm -rf "$DOUBLE" && mkdir -p "$DOUBLE"
for package in "${DOUBLE_PACKAGES[@]}"; do
  [ -d "$DOUBLES/$package" ] || { echo "The $package test double is missing from $DOUBLES" >&2; exit 1; }
  cp -r "$DOUBLES/$package" "$DOUBLE/"
done
install_missing debootstrap
ARCHES=(amd64)
if [ "$ARCH" = arm64 ] || [ "$ARCH" = all ]; then
  if arm64_runs; then
    [ "$ARCH" = arm64 ] && ARCHES=(arm64) || ARCHES=(amd64 arm64)
  elif [ "$ARCH" = arm64 ]; then
    echo "This machine cannot run arm64 binaries (needs qemu-user-static and binfmt_misc)" >&2; exit 1
  else
    say "arm64 skipped: this machine cannot run arm64 binaries (qemu-user-static and binfmt_misc); amd64 only"
  fi
fi

KEY="$(printf '%s %s' "$SUITE" "$PACKAGES" | sha256sum | cut -c1-12)"
ROOTFS_ARGS=()
for arch in "${ARCHES[@]}"; do
  tarball="$CACHE/rootfs-$SUITE-$arch-$KEY.tar.gz"
  if [ -s "$tarball" ] && [ -s "${tarball%.tar.gz}.packages" ] && [ -s "$tarball.sha256" ]; then
    say "$arch root filesystem cached: $tarball"
  else
    build_rootfs "$arch" "$tarball"
  fi
  smoke_test "$arch" "$tarball"
  ROOTFS_ARGS+=(--rootfs "linux/$arch=$tarball")
done
PYTHON_PACKAGES="$(cat "$CACHE/rootfs-$SUITE-${ARCHES[0]}-$KEY.packages")"
PYTHON_PACKAGES+="$DOUBLE_VERSIONS"

if [ ! -f "$TOOL_CLASSPATH" ] || [ ! -d "$TOOL_CLASSES" ] \
    || [ -n "$(find "$ROOT/test-infrastructure/src/main" "$ROOT/shared-events/src/main" -newer "$TOOL_CLASSPATH" -print -quit)" ]; then
  say "compiling test-infrastructure (OfflineRuntimeImage runs from it)"
  mkdir -p "$(dirname "$TOOL_CLASSPATH")"
  "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" -pl test-infrastructure -am install -DskipTests
  "$ROOT/mvnw" -B -q -f "$ROOT/pom.xml" -pl test-infrastructure dependency:build-classpath \
    -Dmdep.outputFile="$TOOL_CLASSPATH" -Dmdep.includeScope=runtime
fi
TARGET_ARGS=(--tar-dir "$CACHE/images")
if [ -n "$REGISTRY" ]; then
  TARGET_ARGS=(--registry "$REGISTRY")
  case "$REGISTRY" in 127.*|localhost|localhost:*) TARGET_ARGS+=(--insecure) ;; esac
fi
say "making the image with jib (python packages: $PYTHON_PACKAGES)"
java -cp "$TOOL_CLASSES:$(cat "$TOOL_CLASSPATH")" \
  io.agentfoundry.testinfra.images.OfflineRuntimeImage \
  "${ROOTFS_ARGS[@]}" --test-double "$DOUBLE" --python-packages "$PYTHON_PACKAGES" --work-dir "$CACHE/work" \
  --tag "$TAG" "${TARGET_ARGS[@]}"
