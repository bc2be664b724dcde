import { join } from "node:path";

/** Absolute paths (as seen inside the target root) of everything install lays down. */
export const LAYOUT = {
  lib: "/usr/lib/wsl-vpn-agent",
  cli: "/usr/lib/wsl-vpn-agent/cli.js",
  manifest: "/usr/lib/wsl-vpn-agent/install.json",
  unit: "/etc/systemd/system/wsl-vpn-agent.service",
  configDir: "/etc/wsl-vpn-agent",
  config: "/etc/wsl-vpn-agent/config.json",
  binfmt: "/etc/binfmt.d/WSLInterop.conf",
  bin: "/usr/local/bin/wsl-vpn-agent",
  stateDir: "/var/lib/wsl-vpn-agent",
} as const;

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
  const config = { $schema: `${LAYOUT.lib}/assets/config.schema.json` };
  return `${JSON.stringify(config, null, 2)}\n`;
}
