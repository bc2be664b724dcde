import { describe, expect, it } from "vitest";
import { parseSnapshotLine } from "../../src/windows/index.js";

const adapter = { name: "Ethernet", description: "Intel(R) Ethernet", status: "Up", mtu: 1500 };

describe("parseSnapshotLine", () => {
  it("reads the contract line with every optional field", () => {
    const line = JSON.stringify({
      adapters: [{ ...adapter, defaultRoute: true, metric: 25, ipv6Mtu: 1400, interfaceType: 53, virtual: true }],
    });
    expect(parseSnapshotLine(line)).toEqual({
      ok: true,
      snapshot: { adapters: [{ ...adapter, defaultRoute: true, metric: 25, ipv6Mtu: 1400, interfaceType: 53, virtual: true }] },
    });
  });

  it("ignores unknown fields and treats null optional fields as absent", () => {
    const line = JSON.stringify({ version: 2, adapters: [{ ...adapter, metric: null, extra: "x" }] });
    expect(parseSnapshotLine(line)).toEqual({ ok: true, snapshot: { adapters: [adapter] } });
  });

  it("accepts an empty adapter list (no network at all)", () => {
    expect(parseSnapshotLine('{"adapters":[]}')).toEqual({ ok: true, snapshot: { adapters: [] } });
  });

  it.each([
    ["not json", /^not JSON/],
    ["[1,2]", /not a JSON object/],
    ["{}", /"adapters" is missing/],
    ['{"adapters":{}}', /"adapters" is missing or not an array/],
    ['{"adapters":[1]}', /adapters\[0\]: not an object/],
    [JSON.stringify({ adapters: [adapter, { ...adapter, name: 5 }] }), /adapters\[1\]: "name" must be a string/],
    [JSON.stringify({ adapters: [{ ...adapter, description: undefined }] }), /"description" must be a string/],
    [JSON.stringify({ adapters: [{ ...adapter, status: true }] }), /"status" must be a string/],
    [JSON.stringify({ adapters: [{ ...adapter, mtu: "1500" }] }), /"mtu" must be a positive integer/],
    [JSON.stringify({ adapters: [{ ...adapter, mtu: 0 }] }), /"mtu" must be a positive integer/],
    [JSON.stringify({ adapters: [{ ...adapter, mtu: 1500.5 }] }), /"mtu" must be a positive integer/],
    [JSON.stringify({ adapters: [{ ...adapter, defaultRoute: "yes" }] }), /"defaultRoute" must be a boolean/],
    [JSON.stringify({ adapters: [{ ...adapter, metric: -1 }] }), /"metric" must be a non-negative integer/],
    // Past 2^53 a metric no longer compares exactly and would rank after "not reported" (REPRO-2 10).
    [JSON.stringify({ adapters: [{ ...adapter, metric: 1e300 }] }), /"metric" must be a non-negative integer/],
    [JSON.stringify({ adapters: [{ ...adapter, metric: 2 ** 53 }] }), /"metric" must be a non-negative integer/],
    // Bounded so that a journal record carrying them stays far below the journal's line limit (REPRO 10b).
    [JSON.stringify({ adapters: [{ ...adapter, name: "J".repeat(1025) }] }), /adapters\[0\]: "name" is longer than 1024 characters/],
    [JSON.stringify({ adapters: [{ ...adapter, description: "é".repeat(1025) }] }), /"description" is longer than 1024 characters/],
  ])("rejects %s with a clear problem", (line, problem) => {
    const result = parseSnapshotLine(line);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });

  it("keeps adapter names with shell metacharacters as plain data", () => {
    const name = "VPN $(rm -rf /); `reboot` | & > \"' \u00e9\u{1F600}";
    const result = parseSnapshotLine(JSON.stringify({ adapters: [{ ...adapter, name }] }));
    expect(result).toEqual({ ok: true, snapshot: { adapters: [{ ...adapter, name }] } });
  });
});
