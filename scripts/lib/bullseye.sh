# Sourced by scripts/release and scripts/test-release: a cached Debian bullseye userland (glibc 2.31).
#   bullseye_userland DIR PACKAGES   debootstrap --variant=minbase --include=PACKAGES into DIR, once
# The mirror is the machine's configured Debian mirror (/etc/apt/sources.list*), or PDM_DEBIAN_MIRROR.

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
  local dir=$1 packages=$2
  if [ -e "$dir/.pdm-complete" ] && [ "$(cat "$dir/.pdm-complete")" = "$packages" ]; then return; fi
  command -v debootstrap >/dev/null || {
    echo "installing debootstrap" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  }
  local mirror
  mirror=$(debian_mirror)
  echo "debootstrap bullseye ($packages) from $mirror into $dir (once; cached)" >&2
  rm -rf "$dir.partial" "$dir"
  mkdir -p "$(dirname "$dir")"
  # A partial userland never looks complete: built aside, renamed, then marked.
  debootstrap --variant=minbase --include="$packages" bullseye "$dir.partial" "$mirror" >"$dir.log" 2>&1 || {
    tail -20 "$dir.log" >&2
    echo "debootstrap failed (log: $dir.log)" >&2
    return 1
  }
  mv "$dir.partial" "$dir"
  echo "$packages" > "$dir/.pdm-complete"
}
