#!/usr/bin/env bash
# python-base.sh TAG: a Debian bookworm root filesystem with python3 (debootstrap, minbase),
# without package caches, documentation or locales, imported as the image TAG.
# deploy/images/build.sh tags it by a hash of this file: change it and the image is rebuilt.
set -euo pipefail
tag=$1
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
root=$(mktemp -d /var/tmp/readoutwatch-rootfs.XXXXXX)
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
  bookworm "$root" "$mirror" >/dev/null
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
  "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/locale/*
tar -C "$root" -c . | docker import -c 'CMD ["python3"]' - "$tag" >/dev/null
