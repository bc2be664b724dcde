import { runCommand, describeFailure, type CommandResult, type RunOptions } from "./run.js";

/** Parses the MTU out of `ip -j link show dev IF` output. Pure; null when absent. */
export function parseLinkMtu(json: string): number | null {
  try {
    const links = JSON.parse(json) as unknown;
    const first = Array.isArray(links) ? (links[0] as { mtu?: unknown } | undefined) : undefined;
    return typeof first?.mtu === "number" ? first.mtu : null;
  } catch {
    return null;
  }
}

/** Reads the interface's current MTU. Throws (with the command and stderr) when it cannot. */
export async function readMtu(iface: string, options: Pick<RunOptions, "netns"> = {}): Promise<number> {
  const r = await runCommand(["ip", "-j", "link", "show", "dev", iface], { ...options, timeoutMs: 5000 });
  const mtu = r.ok ? parseLinkMtu(r.stdout) : null;
  if (mtu === null) throw new Error(r.ok ? `no MTU in \`${r.command.join(" ")}\` output` : describeFailure(r));
  return mtu;
}

/** Sets the interface MTU (`ip link set dev IF mtu N`); the outcome comes back as data. */
export function setMtu(iface: string, mtu: number, options: Pick<RunOptions, "netns"> = {}): Promise<CommandResult> {
  return runCommand(["ip", "link", "set", "dev", iface, "mtu", String(mtu)], { ...options, timeoutMs: 5000 });
}
