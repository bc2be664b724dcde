#!/usr/bin/env bash
# Builds (once) the arm64 Debian files the linux-arm64 executable needs to start under
# qemu-user-static (glibc, libstdc++: `qemu-aarch64-static -L ROOT wsl-vpn-agent`), and prints the
# path. debootstrap's first stage only: it unpacks the arm64 packages and runs nothing of them, so
# no arm64 architecture is added to this machine's dpkg. Cached like rootfs.sh (WVA_TEST_CACHE).
set -euo pipefail
suite=bookworm
variant=minbase
cache=${WVA_TEST_CACHE:-/var/cache/wsl-vpn-agent-tests}
root="$cache/arm64-$suite-$variant"
ready() { [[ -e $root/usr/lib/aarch64-linux-gnu/libstdc++.so.6 && -e $root/lib/ld-linux-aarch64.so.1 ]]; }
if ready; then echo "$root"; exit 0; fi
command -v debootstrap >/dev/null || { echo "arm64root.sh: debootstrap is missing: run scripts/test-setup/install.sh" >&2; exit 69; }
# shellcheck source=scripts/lib/debian-mirror.sh
source "$(dirname "$0")/../lib/debian-mirror.sh"
mkdir -p "$cache"
exec 9>"$cache/.lock-arm64"
flock 9
if ready; then echo "$root"; exit 0; fi
work=$(mktemp -d "$cache/.build-XXXXXX")
trap 'rm -rf "$work"' EXIT
started=$SECONDS
debootstrap --arch=arm64 --foreign --variant="$variant" "$suite" "$work/root" "$(debian_mirror)" >"$work/debootstrap.log" 2>&1 || {
  tail -n 30 "$work/debootstrap.log" >&2
  echo "arm64root.sh: debootstrap failed (log above)" >&2
  exit 69
}
rm -rf "$work/root/var/cache/apt/archives/"*.deb "$work/root/debootstrap"
mv "$work/root" "$root"
echo "arm64root.sh: built $root in $((SECONDS - started)) s" >&2
echo "$root"
