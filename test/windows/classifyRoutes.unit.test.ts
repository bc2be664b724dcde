import { describe, expect, it } from "vitest";
import { classify, createClassifier, tunnelsUp, type AdapterSnapshot } from "../../src/windows/index.js";

const c = createClassifier();
const up = (name: string, description: string, extra: Partial<AdapterSnapshot> = {}): AdapterSnapshot => ({ name, description, status: "Up", mtu: 1400, ...extra });
const wifi = up("Wi-Fi", "Intel(R) Wi-Fi 6 AX201 160MHz", { mtu: 1500, defaultRoute: true, metric: 35, interfaceType: 71, virtual: false });
/** A client no pattern names: a virtual adapter with a made-up description. */
const unnamed = (extra: Partial<AdapterSnapshot> = {}): AdapterSnapshot => up("Ethernet 9", "Acme Secure Edge Adapter", { virtual: true, ...extra });

describe("classify: a VPN client no pattern names", () => {
  it("is recognised when virtual and owning the effective IPv4 default route (lowest metric)", () => {
    const vpn = unnamed({ defaultRoute: true, metric: 2 });
    expect(classify({ adapters: [wifi, vpn] }, c)).toEqual({ name: "Ethernet 9", description: "Acme Secure Edge Adapter", mtuHint: 1400 });
  });

  it.each([23, 53, 131])("counts interfaceType %i as virtual", (interfaceType) => {
    const vpn = unnamed({ virtual: false, interfaceType, defaultRoute: true, metric: 2 });
    expect(classify({ adapters: [wifi, vpn] }, c)?.name).toBe("Ethernet 9");
  });

  it("owns the default route with the 0.0.0.0/1 + 128.0.0.0/1 pair, whatever the metrics (more specific than 0/0)", () => {
    const vpn = unnamed({ routes: [{ prefix: "0.0.0.0/1", metric: 9000 }, { prefix: "128.0.0.0/1", metric: 9000 }, { prefix: "198.18.8.0/24", metric: 9000 }] });
    expect(classify({ adapters: [wifi, vpn] }, c)).toMatchObject({ name: "Ethernet 9", tunnel: { kind: "full" } });
  });

  it("owns it with a 0.0.0.0/0 in its routes, as with defaultRoute", () => {
    const vpn = unnamed({ routes: [{ prefix: "0.0.0.0/0", metric: 3 }, { prefix: "198.18.8.0/24", metric: 3 }] });
    expect(classify({ adapters: [wifi, vpn] }, c)).toMatchObject({ name: "Ethernet 9", tunnel: { kind: "full" } });
  });

  it("shares ownership on a metric tie", () => {
    expect(classify({ adapters: [wifi, unnamed({ defaultRoute: true, metric: 35 })] }, c)?.name).toBe("Ethernet 9");
  });

  it.each<[string, AdapterSnapshot]>([
    ["without a default route", unnamed({ routes: [{ prefix: "10.0.0.0/8", metric: 1 }] })],
    ["with a default route that loses on metric", unnamed({ defaultRoute: true, metric: 36 })],
    ["with only half of the pair", unnamed({ routes: [{ prefix: "0.0.0.0/1", metric: 1 }] })],
    ["not virtual (a second physical NIC)", unnamed({ virtual: false, interfaceType: 6, defaultRoute: true, metric: 1 })],
    ["not Up", { ...unnamed({ defaultRoute: true, metric: 1 }), status: "Disconnected" }],
    ["excluded (WSL's own switch)", up("vEthernet (WSL)", "Hyper-V Virtual Ethernet Adapter", { virtual: true, defaultRoute: true, metric: 1 })],
  ])("is not a VPN %s", (_what, adapter) => {
    expect(classify({ adapters: [wifi, adapter] }, c)).toBeNull();
  });

  it("a disconnected adapter's stale default route does not take ownership away", () => {
    const stale = { ...up("Ethernet", "Intel(R) Ethernet", { defaultRoute: true, metric: 1 }), status: "Disconnected" };
    expect(classify({ adapters: [wifi, stale, unnamed({ defaultRoute: true, metric: 2 })] }, c)?.name).toBe("Ethernet 9");
  });

  it("between a named and an unnamed VPN, the default-route claim decides, then the MTU", () => {
    const named = up("Ethernet 3", "PANGP Virtual Ethernet Adapter", { defaultRoute: true, metric: 2, mtu: 1420 });
    expect(classify({ adapters: [wifi, unnamed({ defaultRoute: true, metric: 2, mtu: 1300 }), named] }, c)?.name).toBe("Ethernet 9");
    expect(classify({ adapters: [wifi, unnamed({ defaultRoute: true, metric: 3 }), named] }, c)?.name).toBe("Ethernet 3");
  });
});

describe("classify: the tunnel the VPN carries", () => {
  const anyConnect = (extra: Partial<AdapterSnapshot> = {}) => up("Ethernet 3", "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter", extra);

  it("says nothing when the watcher sent no routes (a full tunnel, as before)", () => {
    expect(classify({ adapters: [wifi, anyConnect()] }, c)).toEqual({ name: "Ethernet 3", description: anyConnect().description, mtuHint: 1400 });
  });

  it("is full when the VPN reports no route at all", () => {
    expect(tunnelsUp({ adapters: [wifi, anyConnect({ routes: [] })] }, c)[0]?.tunnel).toEqual({ kind: "full" });
  });

  it("a VPN reporting routes that do not carry the default route is no VPN for it", () => {
    expect(classify({ adapters: [wifi, anyConnect({ routes: [] })] }, c)).toBeNull();
    expect(classify({ adapters: [wifi, anyConnect({ routes: [{ prefix: "10.0.0.0/8", metric: 2 }] })] }, c)).toBeNull();
  });

  it("is full when the VPN owns the default route", () => {
    const vpn = anyConnect({ defaultRoute: true, metric: 2, routes: [{ prefix: "0.0.0.0/0", metric: 2 }, { prefix: "10.0.0.0/8", metric: 2 }] });
    expect(classify({ adapters: [wifi, vpn] }, c)?.tunnel).toEqual({ kind: "full" });
  });

  it("is split with the VPN's prefixes otherwise: canonical, sorted, deduplicated, without a losing 0.0.0.0/0", () => {
    const vpn = anyConnect({
      routes: [
        { prefix: "192.168.100.0/24", metric: 2 },
        { prefix: "10.1.2.3/8", metric: 2 },
        { prefix: "10.0.0.0/8", metric: 7 },
        { prefix: "0.0.0.0/0", metric: 9000 },
        { prefix: "172.16.0.0/12" },
      ],
    });
    expect(tunnelsUp({ adapters: [wifi, vpn] }, c)[0]?.tunnel).toEqual({ kind: "split", prefixes: ["10.0.0.0/8", "172.16.0.0/12", "192.168.100.0/24"] });
  });

  it("is full when the only route is a 0.0.0.0/0 that loses (nothing narrower to name)", () => {
    expect(tunnelsUp({ adapters: [wifi, anyConnect({ routes: [{ prefix: "0.0.0.0/0", metric: 9000 }] })] }, c)[0]?.tunnel).toEqual({ kind: "full" });
  });
});
