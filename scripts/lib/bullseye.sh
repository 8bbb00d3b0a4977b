# Sourced by scripts/release and scripts/test-release: ONE cached Debian bullseye userland (glibc 2.31) that is
# both the release's link sysroot and the chroot the tarball is tested in.
#   bullseye_userland          makes $BULLSEYE_ROOT once (debootstrap --variant=minbase), returns at once after
#   phase NAME COMMAND...      runs COMMAND and prints "<script>: phase NAME: Ns" (the CI's phase times)
# The mirror is the machine's configured Debian mirror (/etc/apt/sources.list*), or PDM_DEBIAN_MIRROR.

BULLSEYE_ROOT=${PDM_BULLSEYE_ROOT:-$PWD/.cache/bullseye}
# Only what the two uses need on top of minbase:
#   link:  libc6-dev (crt files, libc.so and friends), libgcc-10-dev (crtbeginS.o, libgcc, libgcc_s.so)
#   run:   libcurl4 (the one library the release takes from the host), libmariadb3 (Connector/C 3.1, installed
#          beside the release to prove the release never loads it)
BULLSEYE_PACKAGES=libc6-dev,libgcc-10-dev,libcurl4,libmariadb3

# (No `|| rc=$?` here: that would switch errexit off inside COMMAND; a failing phase ends the script.)
phase() {
  local phase_name=$1 started=$SECONDS
  shift
  "$@"
  echo "$(basename "$0"): phase $phase_name: $((SECONDS - started))s" >&2
}

# The first Debian archive URI apt is configured with (deb822 .sources or one-line .list), not the security one.
debian_mirror() {
  if [ -n "${PDM_DEBIAN_MIRROR:-}" ]; then echo "$PDM_DEBIAN_MIRROR"; return; fi
  local f uri
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
    [ -r "$f" ] || continue
    uri=$(sed -n -e 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' \
                 -e 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]*\).*/\2/p' "$f" |
          grep -v -e security -e '^$' | grep -m1 '/debian/\?$' || true)
    if [ -n "$uri" ]; then echo "$uri"; return; fi
  done
  echo "http://deb.debian.org/debian"
}

bullseye_userland() {
  local dir=$BULLSEYE_ROOT packages=$BULLSEYE_PACKAGES
  if [ -e "$dir/.pdm-complete" ] && [ "$(cat "$dir/.pdm-complete")" = "$packages" ]; then return; fi
  # One maker at a time (CI may start `scripts/release --userland` in the background); the others wait, then
  # find it made.
  mkdir -p "$(dirname "$dir")"
  exec {lock}>"$dir.lock"
  flock "$lock"
  if [ -e "$dir/.pdm-complete" ] && [ "$(cat "$dir/.pdm-complete")" = "$packages" ]; then exec {lock}>&-; return; fi
  make_userland "$dir" "$packages"
  local rc=$?
  exec {lock}>&-
  return $rc
}

make_userland() {
  local dir=$1 packages=$2
  [ "$(id -u)" = 0 ] || { echo "bullseye userland: debootstrap needs root" >&2; return 1; }
  command -v debootstrap >/dev/null || {
    echo "installing debootstrap" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  }
  local mirror
  mirror=$(debian_mirror)
  echo "debootstrap bullseye ($packages) from $mirror into $dir (once; cached)" >&2
  # A mount left by an interrupted test-release would make rm -rf reach into the host's /proc.
  umount "$dir/proc" 2>/dev/null || true
  rm -rf "$dir.partial" "$dir"
  # A partial userland never looks complete: built aside, renamed, then marked.
  debootstrap --variant=minbase --include="$packages" bullseye "$dir.partial" "$mirror" >"$dir.log" 2>&1 || {
    tail -20 "$dir.log" >&2
    echo "debootstrap failed (log: $dir.log)" >&2
    return 1
  }
  # Nothing is installed later: apt's package cache and lists go (a smaller tree to cache in CI).
  rm -rf "$dir.partial"/var/cache/apt/archives/*.deb "$dir.partial"/var/lib/apt/lists/*
  # Debian's absolute symlinks (libm.so -> /lib/...) would point into the host's glibc when the tree is a link
  # sysroot: make them relative (the same files inside the chroot).
  find "$dir.partial/usr/lib" "$dir.partial/usr/lib64" "$dir.partial/lib" "$dir.partial/lib64" -type l -lname '/*' 2>/dev/null | while read -r link; do
    ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$dir.partial$(readlink "$link")")" "$link"
  done
  mv "$dir.partial" "$dir"
  echo "$packages" > "$dir/.pdm-complete"
}
