#!/usr/bin/env bash
# EMR bootstrap action: installs a pdm-pipeline release from S3, the data product's SQL release and the RDS CA
# bundle, and records the cluster's environment.
#
#   bootstrap-install.sh RELEASE_URL ENVIRONMENT [SHA256] [--sql SQL_URL [SQL_SHA256]] [--ca-bundle CA_URL [CA_SHA256]]
#                        [--pipeline FILE]
#
#   RELEASE_URL  s3://bucket/path/pdm-pipeline-<version>-linux-x86_64.tar.gz (or a local path / file:// URL)
#   ENVIRONMENT  development|qa|integration|preprod|production (dev, int, prod accepted): written to
#                /etc/pdm-pipeline/environment, where `pdm-pipeline` reads its profile on EMR
#   SHA256       the tarball's expected SHA-256 (hex). Pin it in the cluster config; without it the
#                `<RELEASE_URL>.sha256` object next to the tarball is used (integrity, not authenticity).
#   --sql        the data product's SQL release, `<name>-<version>.zip` (the dataworks-pdm artefact) or `.tar.gz`,
#                unpacked into /opt/pdm-pipeline/sql/<name>-<version>/; /opt/pdm-pipeline/sql/current points at its
#                SQL root (`src/main/resources/scripts/` when the archive has it, else its one top folder, else the
#                archive's top), which the step passes as `--sql-root`. Then `pdm-pipeline check --strict` runs the
#                pipeline (FILE, default pdm.pipe, of the release's pipelines/) against it in ENVIRONMENT's
#                profile: a finding fails the bootstrap action, so the cluster stops before any step.
#   --ca-bundle  the RDS CA bundle (global-bundle.pem) from the artefact bucket (the cluster has no internet),
#                installed as /etc/pki/rds/global-bundle.pem, where pdm.pipe's metastore preflight reads it.
#   Each checksum as for the release: pinned, or the `<URL>.sha256` object beside it.
#
# Result: /opt/pdm-pipeline/<version>/ (bin/, pipelines/, sql/: the sample), /opt/pdm-pipeline/current -> <version>,
# /usr/local/bin/pdm-pipeline -> current/bin/pdm-pipeline. Idempotent: what is installed with the same checksum is
# not downloaded again; a different archive under an installed name is refused. Needs no internet: S3 is reached
# through the cluster's S3 endpoint with the instance profile (`aws s3 cp`), nothing else.
# PDM_INSTALL_ROOT (default /) prefixes every path written, for tests.
set -euo pipefail

die() { echo "bootstrap-install: $*" >&2; exit 1; }
usage="usage: bootstrap-install.sh RELEASE_URL ENVIRONMENT [SHA256] [--sql URL [SHA256]] [--ca-bundle URL [SHA256]] [--pipeline FILE]"
positional=() sql_url='' sql_expected='' ca_url='' ca_expected='' pipeline=pdm.pipe
is_sha() { [[ ${1:-} =~ ^[0-9a-f]{64}$ ]]; }
while [ $# -gt 0 ]; do
  case "$1" in
    --sql|--ca-bundle)
      [ $# -ge 2 ] || die "$1 needs a URL"
      option=$1 value=$2 sha=''
      shift 2
      if [ $# -gt 0 ] && [[ $1 != --* ]]; then is_sha "$1" || die "$option: SHA256 must be 64 lowercase hex digits"; sha=$1; shift; fi
      if [ "$option" = --sql ]; then sql_url=$value sql_expected=$sha; else ca_url=$value ca_expected=$sha; fi ;;
    --pipeline)
      [ $# -ge 2 ] || die "--pipeline needs a file name"
      pipeline=$2; shift 2
      [[ $pipeline =~ ^[A-Za-z0-9._-]+\.pipe$ ]] || die "--pipeline takes a file name of the release's pipelines/, not '$pipeline'" ;;
    --*) die "unknown option $1; $usage" ;;
    *) positional+=("$1"); shift ;;
  esac
done
[ ${#positional[@]} -ge 2 ] && [ ${#positional[@]} -le 3 ] || die "$usage"
url=${positional[0]} environment=${positional[1]} expected=${positional[2]:-}

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
[ -z "$expected" ] || is_sha "$expected" || die "SHA256 must be 64 lowercase hex digits"
if [ -n "$sql_url" ]; then
  sql_name=$(basename "$sql_url")
  [[ $sql_name =~ ^([A-Za-z0-9._+-]+)\.(zip|tar\.gz|tgz)$ ]] || die "not an SQL release archive name (NAME-VERSION.zip or .tar.gz): $sql_name"
  sql_release=${BASH_REMATCH[1]} sql_kind=${BASH_REMATCH[2]}
  [[ $sql_release != .* ]] || die "unsafe SQL release name: $sql_name"
fi

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

# The pinned checksum of URL, or the one in the `.sha256` object beside it.
checksum_of() {
  local url=$1 pinned=$2
  if [ -n "$pinned" ]; then echo "$pinned"; return; fi
  fetch "$url.sha256" "$work/expected" || die "no checksum given and $url.sha256 cannot be read"
  local sum
  sum=$(awk '{print $1; exit}' "$work/expected")
  is_sha "$sum" || die "$url.sha256 holds no SHA-256"
  echo "$sum"
}

# Downloads URL to FILE and verifies it against SHA256.
fetch_verified() {
  local url=$1 file=$2 sha=$3
  fetch "$url" "$file" || die "cannot download $url"
  local actual
  actual=$(sha256sum "$file" | awk '{print $1}')
  [ "$actual" = "$sha" ] || die "checksum mismatch for $(basename "$url"): expected $sha, got $actual"
}

# Unpacked beside the target and renamed into place: a half-copied folder never looks installed.
place() {
  local from=$1 to=$2
  as_root mkdir -p "$(dirname "$to")"
  local staging
  staging=$(dirname "$to")/.staging-$(basename "$to")
  as_root rm -rf "$staging"
  as_root cp -a "$from" "$staging"
  as_root chown -R 0:0 "$staging" 2>/dev/null || true
  as_root mv -T "$staging" "$to"
}

expected=$(checksum_of "$url" "$expected")
if [ -f "$target/.tarball.sha256" ]; then
  installed=$(cat "$target/.tarball.sha256")
  [ "$installed" = "$expected" ] || die "$target holds a different build of $version (sha256 $installed)"
  echo "bootstrap-install: pdm-pipeline $version already installed"
else
  fetch_verified "$url" "$work/$name" "$expected"
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
  place "$top" "$target"
  echo "bootstrap-install: installed pdm-pipeline $version in $target"
fi

# The RDS CA bundle for the metastore preflight's TLS.
if [ -n "$ca_url" ]; then
  ca_expected=$(checksum_of "$ca_url" "$ca_expected")
  ca_file=$root/etc/pki/rds/global-bundle.pem
  if [ -f "$ca_file" ] && [ "$(sha256sum "$ca_file" | awk '{print $1}')" = "$ca_expected" ]; then
    echo "bootstrap-install: CA bundle already installed"
  else
    fetch_verified "$ca_url" "$work/ca.pem" "$ca_expected"
    grep -q -- '-----BEGIN CERTIFICATE-----' "$work/ca.pem" || die "$(basename "$ca_url") holds no PEM certificate"
    as_root mkdir -p "$(dirname "$ca_file")"
    as_root install -m 0644 "$work/ca.pem" "$ca_file.new"
    as_root mv -f "$ca_file.new" "$ca_file"
    echo "bootstrap-install: installed the CA bundle in $ca_file"
  fi
fi

# The data product's SQL release, next to the binary's.
if [ -n "$sql_url" ]; then
  sql_expected=$(checksum_of "$sql_url" "$sql_expected")
  sql_target=$prefix/sql/$sql_release
  if [ -f "$sql_target/.archive.sha256" ]; then
    installed=$(cat "$sql_target/.archive.sha256")
    [ "$installed" = "$sql_expected" ] || die "$sql_target holds a different archive of $sql_release (sha256 $installed)"
    echo "bootstrap-install: SQL release $sql_release already installed"
  else
    fetch_verified "$sql_url" "$work/$sql_name" "$sql_expected"
    mkdir "$work/sql"
    if [ "$sql_kind" = zip ]; then
      # unzip refuses members outside the folder; python3's zipfile strips such paths the same way.
      if command -v unzip >/dev/null; then
        unzip -q "$work/$sql_name" -d "$work/sql" || die "cannot unpack $sql_name"
      else
        python3 -m zipfile -e "$work/$sql_name" "$work/sql" || die "cannot unpack $sql_name"
      fi
    else
      tar -xzf "$work/$sql_name" -C "$work/sql" --no-same-owner || die "cannot unpack $sql_name"
    fi
    printf '%s\n' "$sql_expected" > "$work/sql/.archive.sha256"
    place "$work/sql" "$sql_target"
    echo "bootstrap-install: installed SQL release $sql_release in $sql_target"
  fi
  # The SQL root inside: the dataworks-pdm layout, else a single top folder, else the archive's top.
  sql_root=.
  if [ -d "$sql_target/src/main/resources/scripts" ]; then
    sql_root=src/main/resources/scripts
  else
    mapfile -t tops < <(find "$sql_target" -mindepth 1 -maxdepth 1 ! -name '.*' -printf '%f\n')
    if [ ${#tops[@]} -eq 1 ] && [ -d "$sql_target/${tops[0]}" ]; then sql_root=${tops[0]}; fi
  fi
  as_root ln -sfn "$sql_release/$sql_root" "$prefix/sql/current"
  echo "bootstrap-install: SQL root $prefix/sql/current -> $sql_release/$sql_root"
fi

as_root ln -sfn "$version" "$prefix/current"
as_root mkdir -p "$root/usr/local/bin" "$root/etc/pdm-pipeline"
as_root ln -sfn /opt/pdm-pipeline/current/bin/pdm-pipeline "$root/usr/local/bin/pdm-pipeline"
# The manual page and the shell completions, for the operator on the master node (`man pdm-pipeline`).
for doc in share/man/man1/pdm-pipeline.1 share/bash-completion/completions/pdm-pipeline \
  share/zsh/site-functions/_pdm-pipeline share/fish/vendor_completions.d/pdm-pipeline.fish; do
  if [ -f "$target/$doc" ]; then
    as_root mkdir -p "$root/usr/local/$(dirname "$doc")"
    as_root ln -sfn "/opt/pdm-pipeline/current/$doc" "$root/usr/local/$doc"
  fi
done
printf '%s\n' "$environment" > "$work/environment"
as_root install -m 0644 "$work/environment" "$root/etc/pdm-pipeline/environment"
echo "bootstrap-install: environment $environment"

# The pipeline against the installed SQL, as the step will plan it: a finding stops the cluster here.
if [ -n "$sql_url" ]; then
  pipe=$target/pipelines/$pipeline
  [ -f "$pipe" ] || die "the release has no pipelines/$pipeline"
  if ! report=$("$target/bin/pdm-pipeline" check "$pipe" --profile "$environment" --sql-root "$prefix/sql/current" --strict 2>&1); then
    printf '%s\n' "$report" >&2
    die "the SQL release $sql_release fails pdm-pipeline check of pipelines/$pipeline (above): the cluster stops before any step"
  fi
  echo "bootstrap-install: pdm-pipeline check of pipelines/$pipeline against $sql_release: ${report##*$'\n'}"
fi
