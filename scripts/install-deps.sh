#!/usr/bin/env bash
# Installs the system packages the agent, its lab and its tests use (Debian/Ubuntu, as root).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(
  iproute2 nftables iputils-ping curl openssl ethtool ca-certificates procps
  # systemd-analyze checks the unit file; chromium drives the report's browser tests.
  systemd chromium
)
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p"); done
if ((${#missing[@]})); then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "system packages present: ${packages[*]}"
