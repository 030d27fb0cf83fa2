#!/usr/bin/env bash
# Proves that the npm tarball is byte-identical across two clean builds: two fresh clones of HEAD, each
# `npm ci` + compile + package, then the tarballs' and SBOMs' sha256 are compared. Takes a few minutes.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/sc-repro-XXXXXX")"
trap 'rm -rf "$work"' EXIT
for n in 1 2; do
  git clone -q "$repo" "$work/b$n"
  (cd "$work/b$n" && npm ci --no-audit --no-fund >/dev/null 2>&1 && CI=true npx projen compile >/dev/null 2>&1 && CI=true npx projen package >/dev/null 2>&1)
done
status=0
for f in $(cd "$work/b1/dist/js" && ls); do
  a="$(sha256sum "$work/b1/dist/js/$f" | cut -d' ' -f1)"
  b="$(sha256sum "$work/b2/dist/js/$f" 2>/dev/null | cut -d' ' -f1 || true)"
  if [ "$a" = "$b" ]; then echo "identical  $a  $f"; else echo "DIFFERENT  $a  $b  $f"; status=1; fi
done
exit $status
