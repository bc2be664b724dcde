import { describeFailure, runCommand } from "../../effects/run.js";
import { EnvironmentError } from "../../errors.js";
import type { LabNames } from "../names.js";
import type { ShapeBuilder } from "./index.js";

/**
 * Mirrored networking: the VPN adapter mirrored as its own WSL interface (`eth1`, a TUN adapter at
 * MTU 9000 in the worst reports, WSL#41419) on its own subnet, owning the default route towards the
 * server through the black hole; eth0 stays at 1500 on the lab's first subnet.
 */
export const MIRROR = { iface: "eth1", peer: "to-vpn", mtu: 9000, wsl: "198.18.1.2", router: "198.18.1.1" } as const;

async function run(steps: readonly string[][]): Promise<void> {
  for (const step of steps) {
    const r = await runCommand(step, { timeoutMs: 10_000 });
    if (!r.ok) throw new EnvironmentError(`lab setup (mirrored): ${describeFailure(r)}`);
  }
}

/** The VPN connects: its mirrored interface appears and takes the default route. */
export async function addMirror(names: LabNames): Promise<void> {
  const { wsl, router } = names.ns;
  const m = MIRROR;
  await run([
    ["ip", "-n", wsl, "link", "add", m.iface, "mtu", String(m.mtu), "type", "veth", "peer", "name", m.peer, "netns", router],
    ["ip", "-n", router, "link", "set", "dev", m.peer, "mtu", String(m.mtu)],
    ["ip", "-n", wsl, "addr", "add", `${m.wsl}/24`, "dev", m.iface],
    ["ip", "-n", router, "addr", "add", `${m.router}/24`, "dev", m.peer],
    ["ip", "-n", wsl, "link", "set", "dev", m.iface, "up"],
    ["ip", "-n", router, "link", "set", "dev", m.peer, "up"],
    ["ip", "-n", wsl, "route", "replace", "default", "via", m.router, "dev", m.iface],
    // Offloads off, as on every lab veth: GSO super-packets would cross whole and size limits misfire.
    ["ip", "netns", "exec", wsl, "ethtool", "-K", m.iface, "tso", "off", "gso", "off", "gro", "off"],
    ["ip", "netns", "exec", router, "ethtool", "-K", m.peer, "tso", "off", "gso", "off", "gro", "off"],
  ]);
}

/** The VPN disconnects: its mirrored interface goes with it, and the default route is eth0's again. */
export async function removeMirror(names: LabNames): Promise<void> {
  const { wsl } = names.ns;
  await run([
    ["ip", "-n", wsl, "link", "del", MIRROR.iface],
    ["ip", "-n", wsl, "route", "replace", "default", "via", names.addresses.routerWsl, "dev", "eth0"],
  ]);
}

/** The `mirrored` topology: the base lab with the VPN's mirrored interface up and routing. */
export const buildMirrored: ShapeBuilder = async ({ names }) => {
  await addMirror(names);
  return {};
};
