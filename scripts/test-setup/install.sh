#!/usr/bin/env bash
# Test set-up only (as root): what the real-runtime tests need beyond scripts/install-deps.sh.
# The README's first command does not need any of it: a user trying the lab demo has no .NET SDK.
#  - PowerShell 7.6.9 as a .NET global tool (real pwsh for the watcher tests);
#  - systemd-container (systemd-nspawn) and debootstrap, without recommends (libnss-mymachines
#    would edit /etc/nsswitch.conf), for the service tests under a real systemd.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
PWSH_VERSION=7.6.9

packages=(systemd-container debootstrap)
# shellcheck source=scripts/lib/apt-missing.sh
source "$(dirname "$0")/../lib/apt-missing.sh"
apt_install_missing "${packages[@]}"
echo "test packages present: ${packages[*]}"

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
