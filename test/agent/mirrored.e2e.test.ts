import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readMtu } from "../../src/effects/linkMtu.js";
import { MIRROR, addMirror, removeMirror } from "../../src/lab/topology/mirrored.js";
import type { SimVpn } from "../support/agentLab.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

// The VPN adapter as Windows reports it in mirrored mode: a TUN adapter advertising 9000 (WSL#41419).
const tunnel: SimVpn = { name: "Ethernet 3", description: "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter", mtu: 9000 };

describe.skipIf(skipE2e)('mirrored networking: interface "auto" manages the VPN\'s own interface (topology mirrored)', () => {
  const agent = useAgentLab({ prefix: "wvamir", lab: { linkMtu: 1400, tcpLimit: 1372, topology: "mirrored" } });
  const mtu = (iface: string): Promise<number> => readMtu(iface, { netns: agent().lab.ns.wsl });
  const state = async (): Promise<{ baselines?: Record<string, number> }> => JSON.parse(await readFile(join(agent().dir, "state", "state.json"), "utf8")) as { baselines?: Record<string, number> };

  it("eth1 (the mirror, at 9000) owns the default route; eth0 stays at 1500 on its own subnet", async () => {
    expect(await mtu(MIRROR.iface)).toBe(9000);
    expect(await mtu("eth0")).toBe(1500);
    const route = await agent().lab.exec("wsl", ["ip", "-4", "route", "get", agent().lab.addresses.server]);
    expect(route.stdout).toContain(`dev ${MIRROR.iface}`);
  });

  it("lowers eth1 from 9000 to the exact MTU, leaves eth0 alone, restores 9000 at stop", async () => {
    await agent().start({ windows: tunnel });
    const s = await agent().waitForState("Applied", 60_000, (x) => x.appliedMtu === 1372);
    expect(s.interface).toBe(MIRROR.iface);
    expect(s.baseline).toBe(9000);
    expect(await mtu(MIRROR.iface)).toBe(1372);
    expect(await mtu("eth0")).toBe(1500);
    expect((await state()).baselines).toMatchObject({ [MIRROR.iface]: 9000 });

    const exit = await agent().stop("SIGTERM");
    expect(exit.code, exit.stderr).toBe(0);
    expect(await mtu(MIRROR.iface)).toBe(9000);
    expect(await mtu("eth0")).toBe(1500);
    expect((await agent().replay()).code).toBe(0);
  });

  it("after SIGKILL the restart takes eth1's baseline from state.json, not the lowered MTU, and restores it at stop", async () => {
    await agent().start({ windows: tunnel });
    await agent().waitForState("Applied", 60_000, (x) => x.appliedMtu === 1372);
    expect((await agent().stop("SIGKILL")).signal).toBe("SIGKILL");
    expect(await mtu(MIRROR.iface)).toBe(1372);

    await agent().start({ windows: tunnel });
    const s = await agent().waitForState("Applied", 60_000, (x) => x.appliedMtu === 1372);
    expect(s).toMatchObject({ interface: MIRROR.iface, baseline: 9000 });
    expect((await agent().stop("SIGTERM")).code).toBe(0);
    expect(await mtu(MIRROR.iface)).toBe(9000);
    expect(await mtu("eth0")).toBe(1500);
  });

  it("the VPN goes and eth1 with it: the agent manages eth0 again and says there is nothing to restore, not an error", async () => {
    await agent().start({ windows: tunnel });
    await agent().waitForState("Applied", 60_000, (x) => x.appliedMtu === 1372);
    await removeMirror(agent().lab);
    await agent().setWindows(null);
    const s = await agent().waitForState("Direct.idle", 30_000, (x) => x.interface === "eth0");
    expect(s).toMatchObject({ mtu: 1500, baseline: 1500 });
    const exit = await agent().stop("SIGTERM");
    expect(exit.code).toBe(0);
    expect(exit.stdout).toContain(`${MIRROR.iface} is gone (it went with the VPN): nothing to restore`);
    const errors = exit.stdout.split("\n").filter((l) => l.includes('"level":50'));
    expect(errors).toEqual([]);
    expect(await mtu("eth0")).toBe(1500);
    expect((await agent().replay()).code).toBe(0);
    await addMirror(agent().lab);
  });
});
