import { describe, expect, it } from "vitest";
import { skipE2e } from "../support/root.js";
import { cliInLab, leftovers, useLab } from "../support/lab.js";

// One lab per path shape; each case probes it through the real CLI inside the wsl namespace.
const cases = [
  { name: "a link-limited path", lab: { linkMtu: 1400 }, expected: 1400 },
  { name: "ICMP passing at 1400 while TCP is limited lower", lab: { linkMtu: 1400, tcpLimit: 1337 }, expected: 1337, icmpPasses: true },
  { name: "ICMP echo blocked", lab: { linkMtu: 1360, blockIcmpEcho: true }, expected: 1360, icmpBlocked: true },
  { name: "a path whose answer is the range floor", lab: { linkMtu: 1400, tcpLimit: 1280 }, expected: 1280 },
  { name: "a path with no black hole (answer = max)", lab: { linkMtu: 1500 }, expected: 1500 },
] as const;

describe.skipIf(skipE2e)("probe finds the exact MTU", () => {
  for (const c of cases) {
    describe(c.name, () => {
      const lab = useLab(c.lab);
      it(`finds ${c.expected}, exactly, and leaves nothing behind`, async () => {
        const l = lab();
        const r = await cliInLab(l, ["probe", "--url", l.url, "--ca-file", l.caFile, "--timeout-ms", "1000", "--json"]);
        expect(r.exitCode, r.stderr).toBe(0);
        expect(r.json.mtu).toBe(c.expected);
        const sizes = r.json.evidence?.sizes ?? [];
        expect(sizes.find((s) => s.mtu === c.expected)?.pass).toBe(true);
        if (c.expected < 1500) expect(sizes.find((s) => s.mtu === c.expected + 1)?.pass).toBe(false);
        if ("icmpPasses" in c) expect(r.json.evidence?.icmp?.low).toBeGreaterThan(c.expected);
        if ("icmpBlocked" in c) expect(r.json.evidence?.icmp).toBeNull();
        expect(await leftovers(l)).toEqual([]);
      });
    });
  }
});
