import { describe, expect, it } from "vitest";
import { snapshotLine } from "../../src/lab/simWindows.js";
import { MULTI_ADAPTERS } from "../../src/lab/topology/multi.js";
import { parseSnapshotLine, type AdapterSnapshot } from "../../src/windows/snapshot.js";

const parsed = (line: string): readonly AdapterSnapshot[] => {
  const r = parseSnapshotLine(line);
  if (!r.ok) throw new Error(r.problem);
  return r.snapshot.adapters;
};
const byName = (adapters: readonly AdapterSnapshot[], name: string): AdapterSnapshot | undefined => adapters.find((a) => a.name === name);

describe("the simulated Windows' snapshot line", () => {
  it("shows only Wi-Fi, with the default route, when no VPN is up", () => {
    expect(parsed(snapshotLine(null))).toEqual([expect.objectContaining({ name: "Wi-Fi", defaultRoute: true })]);
  });

  it("shows several VPNs at once, each with its own MTU and routes, and Wi-Fi keeps the default route while all are split", () => {
    const { tailscale, pangp, secondCorp } = MULTI_ADAPTERS;
    const adapters = parsed(snapshotLine([tailscale, pangp, secondCorp]));
    expect(adapters.map((a) => a.name)).toEqual(["Wi-Fi", tailscale.name, pangp.name, secondCorp.name]);
    expect(byName(adapters, "Wi-Fi")?.defaultRoute).toBe(true);
    for (const vpn of [tailscale, pangp, secondCorp]) {
      expect(byName(adapters, vpn.name)).toMatchObject({ description: vpn.description, status: "Up", mtu: vpn.mtu, defaultRoute: false });
      expect(byName(adapters, vpn.name)?.routes?.map((r) => r.prefix)).toEqual(vpn.routes);
    }
  });

  it("gives the default route to a full tunnel beside Tailscale, not to Wi-Fi", () => {
    const { tailscale, fullTunnel } = MULTI_ADAPTERS;
    const adapters = parsed(snapshotLine([tailscale, fullTunnel]));
    expect(byName(adapters, "Wi-Fi")?.defaultRoute).toBe(false);
    expect(byName(adapters, fullTunnel.name)).toMatchObject({ defaultRoute: true, mtu: 1400 });
    expect(byName(adapters, fullTunnel.name)?.routes).toBeUndefined();
    expect(byName(adapters, tailscale.name)).toMatchObject({ defaultRoute: false, mtu: 1280 });
  });

  it("reads one VPN as before: a list of one gives the same line", () => {
    expect(snapshotLine(MULTI_ADAPTERS.pangp)).toBe(snapshotLine([MULTI_ADAPTERS.pangp]));
  });
});
