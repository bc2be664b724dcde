#!/usr/bin/env bash
# Builds (once) the Debian bookworm root file system that the systemd tests boot with
# systemd-nspawn, and prints its path. Cached outside the repository, keyed by the package list,
# suite and variant: a second run finds it and builds nothing. Test set-up only (needs root,
# debootstrap). Override the cache directory with WVA_TEST_CACHE.
set -euo pipefail
suite=bookworm
variant=minbase
# No Node: the tests install the .deb (or the tarball) as a user does, offline, so the root holds
# its Depends (iproute2, curl, iputils-ping; libc6, libstdc++6 and libgcc-s1 come with minbase) and
# its Recommends (nftables); plus sudo for the user the docs name and dbus for systemctl.
# Changing this list changes the key: a new root is built.
packages=(systemd dbus iproute2 iputils-ping curl nftables sudo)
cache=${WVA_TEST_CACHE:-/var/cache/wsl-vpn-agent-tests}

# shellcheck source=scripts/lib/debian-mirror.sh
source "$(dirname "$0")/../lib/debian-mirror.sh"

key=$(printf '%s\n' "$suite" "$variant" "${packages[@]}" | sha256sum | cut -c1-16)
root="$cache/rootfs-$suite-$key"
if [[ -x $root/usr/lib/systemd/systemd || -x $root/lib/systemd/systemd ]]; then
  echo "$root"
  exit 0
fi
command -v debootstrap >/dev/null || { echo "rootfs.sh: debootstrap is missing: run scripts/test-setup/install.sh" >&2; exit 69; }
mkdir -p "$cache"
# One builder at a time; the others wait and then find the finished root.
exec 9>"$cache/.lock"
flock 9
if [[ -x $root/usr/lib/systemd/systemd || -x $root/lib/systemd/systemd ]]; then echo "$root"; exit 0; fi
work=$(mktemp -d "$cache/.build-XXXXXX")
trap 'rm -rf "$work"' EXIT
include=$(IFS=,; echo "${packages[*]}")
started=$SECONDS
debootstrap --variant="$variant" --include="$include" "$suite" "$work/root" "$(debian_mirror)" >"$work/debootstrap.log" 2>&1 || {
  tail -n 30 "$work/debootstrap.log" >&2
  echo "rootfs.sh: debootstrap failed (log above)" >&2
  exit 69
}
# A machine id so journald keeps a journal; no root password (the tests use nsenter).
systemd-machine-id-setup --root="$work/root" >/dev/null
rm -rf "$work/root/var/cache/apt/archives/"*.deb "$work/root/var/lib/apt/lists/"*
mv "$work/root" "$root"
echo "rootfs.sh: built $root in $((SECONDS - started)) s" >&2
echo "$root"
