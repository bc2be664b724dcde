#!/usr/bin/env bash
# Test set-up only (as root): what the real-runtime tests need beyond scripts/install-deps.sh.
# The README's first command does not need any of it: a user trying the lab demo has no .NET SDK.
#  - PowerShell 7.6.9 as a .NET global tool (real pwsh for the watcher tests);
#  - systemd-container (systemd-nspawn) and debootstrap, without recommends (libnss-mymachines
#    would edit /etc/nsswitch.conf), for the service tests under a real systemd;
#  - prometheus and prometheus-node-exporter (Debian's own), for the fleet metrics test, which
#    starts its own processes on loopback: the packages' services must not start on install;
#  - qemu-user-static, to start the linux-arm64 executable here (test/release/arm64.e2e.test.ts;
#    its arm64 glibc/libstdc++ come from scripts/test-setup/arm64root.sh);
#  - lintian, which judges the .deb (test/package/lintian.int.test.ts).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
PWSH_VERSION=7.6.9

packages=(systemd-container debootstrap qemu-user-static lintian)
# shellcheck source=scripts/lib/apt-missing.sh
source "$(dirname "$0")/../lib/apt-missing.sh"
apt_install_missing "${packages[@]}"
echo "test packages present: ${packages[*]}"

# The packages' services would listen on 9090/9100 and keep a TSDB in /var/lib/prometheus; the
# tests need neither. A policy-rc.d answering 101 tells invoke-rc.d not to start them; it is
# removed again unless it was there before (Docker images ship one).
fleet=(prometheus prometheus-node-exporter)
policy=/usr/sbin/policy-rc.d
if [[ -e $policy ]]; then
  apt_install_missing "${fleet[@]}"
else
  printf '#!/bin/sh\n# wsl-vpn-agent test set-up: no service starts while its packages install\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  trap 'rm -f "$policy"' EXIT
  apt_install_missing "${fleet[@]}"
  rm -f "$policy"
  trap - EXIT
fi
# Under systemd the packages still enable their units for the next boot: disable (and stop) them.
if [[ -d /run/systemd/system ]]; then systemctl disable --now prometheus prometheus-node-exporter >/dev/null 2>&1 || true; fi
echo "fleet test packages present: ${fleet[*]} (services not started)"

if ! command -v dotnet >/dev/null; then
  echo "install.sh: the .NET SDK is missing: PowerShell $PWSH_VERSION cannot be installed (the pwsh tests will skip, or fail under CI=true)" >&2
  exit 69
fi
tools="${HOME:-/root}/.dotnet/tools"
current=$("$tools/pwsh" -NoLogo -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null || true)
if [[ $current != "$PWSH_VERSION" ]]; then
  if dotnet tool list --global | grep -qi '^powershell '; then
    dotnet tool update --global PowerShell --version "$PWSH_VERSION" >/dev/null
  else
    dotnet tool install --global PowerShell --version "$PWSH_VERSION" >/dev/null
  fi
fi
echo "pwsh $("$tools/pwsh" -NoLogo -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()') in $tools"
