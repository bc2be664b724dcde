import { describe, expect, it } from "vitest";
import { describeEvent } from "../../src/journal/describeEvent.js";
import { vpnA } from "../support/input.js";

const evidence = {
  method: "sequential" as const,
  rounds: 3,
  durationMs: 4_100,
  sizes: [
    { mtu: 1390, pass: false, attempts: 1, round: 1, ms: 2_000, reason: "timeout" },
    { mtu: 1335, pass: true, attempts: 1, round: 2, ms: 30 },
    { mtu: 1362, pass: false, attempts: 1, round: 3, ms: 2_000, reason: "timeout" },
  ],
};

describe("one describer for log lines, replay and the report", () => {
  it("a failed probe says why and what it tried", () => {
    expect(describeEvent({ type: "probe.failed", workId: 3, reason: "cancelled: out of time", evidence })).toBe(
      "probe failed: cancelled: out of time; 3 sizes in 3 rounds, 4100 ms, sequential; largest pass 1335; failed: 2 timeout",
    );
  });

  it("a failed probe of format 1 (no evidence) still gets its reason", () => {
    expect(describeEvent({ type: "probe.failed", workId: 3, reason: "target unreachable" })).toBe("probe failed: target unreachable");
  });

  it("names from Windows are quoted, so a newline in one stays on the line", () => {
    expect(describeEvent({ type: "network.settled", vpn: { ...vpnA, name: "evil\nname" } })).toBe(
      'VPN "evil\\nname" ("Cisco AnyConnect Secure Mobility Client"), Windows MTU 1400',
    );
  });

  it("a split tunnel lists its first prefixes; a full one adds nothing", () => {
    const prefixes = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "198.18.2.0/24", "198.18.3.0/24", "198.18.4.0/24"];
    expect(describeEvent({ type: "network.settled", vpn: { ...vpnA, tunnel: { kind: "split", prefixes } } })).toBe(
      'VPN "Ethernet 3" ("Cisco AnyConnect Secure Mobility Client"), Windows MTU 1400, split tunnel: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 198.18.2.0/24 and 2 more',
    );
    expect(describeEvent({ type: "network.settled", vpn: { ...vpnA, tunnel: { kind: "full" } } })).toBe(
      'VPN "Ethernet 3" ("Cisco AnyConnect Secure Mobility Client"), Windows MTU 1400',
    );
  });

  it("an apply of 256 routes stays one short line: the first prefixes and a count", () => {
    const routes = Array.from({ length: 256 }, (_, i) => `10.${i}.0.0/16`);
    const line = describeEvent({ type: "apply.done", workId: 3, mtu: 1372, routes });
    expect(line).toBe("routes 10.0.0.0/16, 10.1.0.0/16, 10.2.0.0/16, 10.3.0.0/16 and 252 more mtu 1372 (work 3)");
  });
});
