import { join } from "node:path";

/**
 * Absolute paths (as seen inside the target root) of everything install lays down: the same files
 * as the .deb (scripts/package/deb.mjs builds it from `install --root`), plus install's manifest.
 */
export const LAYOUT = {
  /** The program: the executable itself, or (run by node) a symlink to `cli`. */
  bin: "/usr/bin/wsl-vpn-agent",
  unit: "/usr/lib/systemd/system/wsl-vpn-agent.service",
  configDir: "/etc/wsl-vpn-agent",
  config: "/etc/wsl-vpn-agent/config.json",
  schema: "/usr/share/wsl-vpn-agent/config.schema.json",
  share: "/usr/share/wsl-vpn-agent",
  binfmt: "/etc/binfmt.d/WSLInterop.conf",
  stateDir: "/var/lib/wsl-vpn-agent",
  /** install's own directory: its manifest, and the bundle when run by node. */
  lib: "/usr/lib/wsl-vpn-agent",
  cli: "/usr/lib/wsl-vpn-agent/cli.js",
  manifest: "/usr/lib/wsl-vpn-agent/install.json",
} as const;

/** Where versions before the executable put the unit and the command; install and uninstall remove them. */
export const LEGACY = {
  unit: "/etc/systemd/system/wsl-vpn-agent.service",
  bin: "/usr/local/bin/wsl-vpn-agent",
} as const;

/** dpkg's list of the package's files: present when the .deb is installed. */
export const DPKG_LIST = "/var/lib/dpkg/info/wsl-vpn-agent.list";

export const SERVICE = "wsl-vpn-agent";

/** Keeps WSL interop registered when systemd-binfmt re-applies binfmt.d (see DESIGN.md). */
export const BINFMT_LINE = ":WSLInterop:M::MZ::/init:PF\n";

/** `abs` inside `root` (root "/" gives `abs` itself). Pure. */
export function under(root: string, abs: string): string {
  return join(root, abs);
}

/**
 * The config install writes when there is none: only the schema, for editors. Every key keeps its
 * documented default (`config keys`), so a later version's better default reaches the user. Pure.
 */
export function defaultConfigText(): string {
  return `${JSON.stringify({ $schema: LAYOUT.schema }, null, 2)}\n`;
}
