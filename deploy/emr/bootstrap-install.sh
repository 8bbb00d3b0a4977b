#!/usr/bin/env bash
# EMR bootstrap action: installs a pdm-pipeline release from S3 and records the cluster's environment.
#
#   bootstrap-install.sh RELEASE_URL ENVIRONMENT [SHA256]
#
#   RELEASE_URL  s3://bucket/path/pdm-pipeline-<version>-linux-x86_64.tar.gz (or a local path / file:// URL)
#   ENVIRONMENT  development|qa|integration|preprod|production (dev, int, prod accepted): written to
#                /etc/pdm-pipeline/environment, where `pdm-pipeline` reads its profile on EMR
#   SHA256       the tarball's expected SHA-256 (hex). Pin it in the cluster config; without it the
#                `<RELEASE_URL>.sha256` object next to the tarball is used (integrity, not authenticity).
#
# Result: /opt/pdm-pipeline/<version>/ (bin/, pipelines/, sql/), /opt/pdm-pipeline/current -> <version>,
# /usr/local/bin/pdm-pipeline -> current/bin/pdm-pipeline. Idempotent: a version already installed with the same
# checksum is not downloaded again; a different tarball under an installed version's name is refused. Needs no
# internet: S3 is reached through the cluster's S3 endpoint with the instance profile (`aws s3 cp`), nothing else.
# PDM_INSTALL_ROOT (default /) prefixes every path written, for tests.
set -euo pipefail

die() { echo "bootstrap-install: $*" >&2; exit 1; }
[ $# -ge 2 ] && [ $# -le 3 ] || die "usage: bootstrap-install.sh RELEASE_URL ENVIRONMENT [SHA256]"
url=$1 environment=$2 expected=${3:-}

case "$environment" in
  development|dev) environment=development ;;
  qa) ;;
  integration|int) environment=integration ;;
  preprod) ;;
  production|prod) environment=production ;;
  *) die "unknown environment '$environment': expected development|qa|integration|preprod|production" ;;
esac
name=$(basename "$url")
[[ $name =~ ^pdm-pipeline-(.+)-linux-x86_64\.tar\.gz$ ]] || die "not a release tarball name: $name"
version=${BASH_REMATCH[1]}
[[ $version =~ ^[A-Za-z0-9._+-]+$ ]] || die "unsafe version in $name"
[ -z "$expected" ] || [[ $expected =~ ^[0-9a-f]{64}$ ]] || die "SHA256 must be 64 lowercase hex digits"

root=${PDM_INSTALL_ROOT:-}
prefix=$root/opt/pdm-pipeline
target=$prefix/$version

# EMR runs bootstrap actions as the hadoop user; writes outside its home need root.
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# s3:// through the AWS CLI EMR nodes carry; a local path or file:// for tests and air-gapped staging.
fetch() {
  case "$1" in
    s3://*) aws s3 cp --only-show-errors "$1" "$2" ;;
    file://*) cp "${1#file://}" "$2" ;;
    *) cp "$1" "$2" ;;
  esac
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$expected" ]; then
  fetch "$url.sha256" "$work/expected" || die "no checksum given and $url.sha256 cannot be read"
  expected=$(awk '{print $1; exit}' "$work/expected")
  [[ $expected =~ ^[0-9a-f]{64}$ ]] || die "$url.sha256 holds no SHA-256"
fi

if [ -f "$target/.tarball.sha256" ]; then
  installed=$(cat "$target/.tarball.sha256")
  [ "$installed" = "$expected" ] || die "$target holds a different build of $version (sha256 $installed)"
  echo "bootstrap-install: pdm-pipeline $version already installed"
else
  fetch "$url" "$work/$name" || die "cannot download $url"
  actual=$(sha256sum "$work/$name" | awk '{print $1}')
  [ "$actual" = "$expected" ] || die "checksum mismatch for $name: expected $expected, got $actual"
  mkdir "$work/unpacked"
  tar -xzf "$work/$name" -C "$work/unpacked" --no-same-owner
  top=$work/unpacked/pdm-pipeline-$version
  [ -x "$top/bin/pdm-pipeline" ] || die "$name has no pdm-pipeline-$version/bin/pdm-pipeline"
  (cd "$top" && sha256sum --quiet -c SHA256SUMS) || die "$name: contents do not match its SHA256SUMS"
  # The host libraries the manifest names (by soname) must be there before a step needs them.
  missing=()
  while read -r soname; do
    [ -n "$soname" ] || continue
    ldconfig -p 2>/dev/null | grep -q "^[[:space:]]*$soname " || [ -e "$root/usr/lib64/$soname" ] \
      || [ -e "$root/usr/lib/x86_64-linux-gnu/$soname" ] || missing+=("$soname")
  done < <(sed -n 's/^needed: //p' "$top/MANIFEST")
  ((${#missing[@]} == 0)) || die "this host lacks ${missing[*]} (see $name's MANIFEST)"
  printf '%s\n' "$expected" > "$top/.tarball.sha256"
  as_root mkdir -p "$prefix"
  # Unpacked beside the target and renamed into place: a half-copied version never looks installed.
  as_root rm -rf "$prefix/.staging-$version"
  as_root cp -a "$top" "$prefix/.staging-$version"
  as_root chown -R 0:0 "$prefix/.staging-$version" 2>/dev/null || true
  as_root mv -T "$prefix/.staging-$version" "$target"
  echo "bootstrap-install: installed pdm-pipeline $version in $target"
fi

as_root ln -sfn "$version" "$prefix/current"
as_root mkdir -p "$root/usr/local/bin" "$root/etc/pdm-pipeline"
as_root ln -sfn /opt/pdm-pipeline/current/bin/pdm-pipeline "$root/usr/local/bin/pdm-pipeline"
printf '%s\n' "$environment" > "$work/environment"
as_root install -m 0644 "$work/environment" "$root/etc/pdm-pipeline/environment"
echo "bootstrap-install: environment $environment"
