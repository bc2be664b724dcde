import { describe, expect, it } from "vitest";
import { runDoctor, type CheckResult } from "../../src/doctor/index.js";
import { decideMode, defaultRouteOf } from "../../src/wsl/networkMode.js";
import { envFor, healthyWsl, ROUTE_HEADER, useTrees, type TreeFile } from "./tree.js";

const makeTree = useTrees();

/** The networking check on a healthy tree with `extra` files over it. */
async function networking(extra: Readonly<Record<string, TreeFile>>): Promise<CheckResult | undefined> {
  const results = await runDoctor(envFor(await makeTree({ ...healthyWsl, ...extra })));
  return results.find((r) => r.id === "networking");
}

const wslinfo = (out: string, code = 0): TreeFile => ({ exec: `#!/bin/sh\n[ "$1" = --networking-mode ] || exit 2\nprintf '%s\\n' '${out}'\nexit ${code}\n` });
/** Mirrored mode: the Windows adapters mirrored (eth0, eth1 the VPN), loopback0, the default route on the VPN's interface. */
const mirrored: Readonly<Record<string, TreeFile>> = {
  "/sys/class/net/loopback0/mtu": "1500\n",
  "/sys/class/net/eth1/mtu": "9000\n",
  "/proc/net/route": `${ROUTE_HEADER}\neth1\t00000000\t0100000A\t0003\t0\t0\t5\t00000000\t0\t0\t0\n`,
};
/** VirtioProxy/Consomme: eth0 is a virtio NIC carrying the host's address; loopback0 is there for the localhost relay. */
const consomme: Readonly<Record<string, TreeFile>> = { "/sys/class/net/loopback0/mtu": "1500\n", "/sys/class/net/eth0/device/uevent": "DRIVER=virtio_net\n" };

describe("doctor: the WSL networking mode and the evidence for it", () => {
  it("takes wslinfo's answer first and names it, with what the interfaces show", async () => {
    const r = await networking({ ...mirrored, "/usr/bin/wslinfo": wslinfo("mirrored") });
    expect(r).toMatchObject({ status: "ok" });
    expect(r?.detail).toBe(
      'mirrored (wslinfo --networking-mode: "mirrored"; loopback0 present; eth0 driver hv_netvsc; default route via 10.0.0.1 dev eth1): every Windows adapter, the VPN\'s included, has its own interface here; the one routing to verify.url is the one to manage',
    );
    // Old and new names of the fallback mode (renamed in WSL 2.9.0).
    for (const said of ["virtioproxy", "consomme"]) expect((await networking({ ...consomme, "/usr/bin/wslinfo": wslinfo(said) }))?.detail).toMatch(/^VirtioProxy\/Consomme \(wslinfo/);
  });

  it("without wslinfo, reads the mode from the interfaces: virtio eth0, then loopback0, then a Hyper-V eth0", async () => {
    expect((await networking({}))?.detail).toMatch(/^NAT \(no wslinfo answer/);
    expect((await networking(mirrored))?.detail).toMatch(/^mirrored \(no wslinfo answer.*loopback0 present/);
    expect((await networking(consomme))?.detail).toMatch(/^VirtioProxy\/Consomme \(no wslinfo answer.*eth0 driver virtio_net/);
  });

  it("a wslinfo that fails or prints something unreadable is not evidence", async () => {
    expect((await networking({ ...mirrored, "/usr/bin/wslinfo": wslinfo("mirrored", 1) }))?.detail).toMatch(/^mirrored \(no wslinfo answer/);
    expect((await networking({ "/usr/bin/wslinfo": wslinfo("\u001b[2Jnat") }))?.detail).toMatch(/^NAT \(no wslinfo answer/);
    expect((await networking({ "/usr/bin/wslinfo": wslinfo("quantum") }))?.detail).toMatch(/^unknown \(wslinfo --networking-mode: "quantum"/);
  });

  it("fails, with the fix, when WSL gave the distribution no network", async () => {
    const r = await networking({ "/usr/bin/wslinfo": wslinfo("none") });
    expect(r).toMatchObject({ status: "fail" });
    expect(r?.fix).toMatch(/networkingMode/);
  });

  it("decides from the evidence alone (pure)", () => {
    expect(decideMode({ wslinfo: null, interfaces: ["lo"], eth0Driver: null, defaultRoute: null })).toEqual({
      mode: "unknown",
      evidence: ["no wslinfo answer (WSL before 2.0.4, or interop unavailable): from the interfaces", "no loopback0", "no eth0", "no IPv4 default route"],
    });
    expect(defaultRouteOf(`${ROUTE_HEADER}\neth0\t00000000\t011016AC\t0003\t0\t0\t0\t00000000\t0\t0\t0\n`)).toEqual({ iface: "eth0", gateway: "172.22.16.1" });
    expect(defaultRouteOf(`${ROUTE_HEADER}\neth0\t001016AC\t00000000\t0001\t0\t0\t0\t00F0FFFF\t0\t0\t0\n`)).toBeNull();
    expect(defaultRouteOf("garbage")).toBeNull();
  });
});
