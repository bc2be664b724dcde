import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateConfig } from "../../src/config/index.js";
import { MAX_VPN_PATTERN, VPN_PATTERN_SCHEMA_PATTERN } from "../../src/config/vpnPatterns.js";
import { compilePatterns } from "../../src/windows/patterns.js";

/** What `run` decides: the agent compiles the patterns with compilePatterns. */
const agentAccepts = (p: string): boolean => {
  try {
    compilePatterns([p]);
    return true;
  } catch {
    return false;
  }
};
const configAccepts = (p: string): boolean => validateConfig({ windows: { vpnPatterns: [p] } }).ok;
/** What an editor decides from the published schema. */
const schemaAccepts = (p: string): boolean => p.length >= 1 && p.length <= MAX_VPN_PATTERN && new RegExp(VPN_PATTERN_SCHEMA_PATTERN, "u").test(p);

// Strings near every edge: blanks, control characters, unicode spaces, the length limit.
const edgy = fc.oneof(
  fc.string({ unit: fc.constantFrom("a", " ", "\t", "\n", "\u0000", "\u0007", "\u001f", "\u007f", "\u00a0", "\u2028", "\ufeff", "é", "(", "*"), maxLength: 8 }),
  fc.integer({ min: MAX_VPN_PATTERN - 2, max: MAX_VPN_PATTERN + 2 }).map((n) => "v".repeat(n)),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);

describe("windows.vpnPatterns: config check, run and the schema agree", () => {
  it("on the limits", () => {
    for (const p of ["", " ", "\u00a0", "a\u0000", "a\u007f", "x".repeat(MAX_VPN_PATTERN), "x".repeat(MAX_VPN_PATTERN + 1), "Cisco (AnyConnect)", " a "]) {
      expect({ p, config: configAccepts(p), schema: schemaAccepts(p) }).toEqual({ p, config: agentAccepts(p), schema: agentAccepts(p) });
    }
  });

  it("on any string (seeded)", () => {
    fc.assert(
      fc.property(edgy, (p) => configAccepts(p) === agentAccepts(p) && schemaAccepts(p) === agentAccepts(p)),
      { seed: 20261125, numRuns: 2000 },
    );
  });
});
