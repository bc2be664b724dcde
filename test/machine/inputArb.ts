import fc from "fast-check";
import type { AgentInput } from "../../machines/index.js";
import { testInput } from "../support/input.js";

/** Inputs of the machine: baselines, a fixed or learned one, profiles in and out of range, a known MTU, each apply scope. */
export const inputArb: fc.Arbitrary<AgentInput> = fc
  .record({
    baseline: fc.constantFrom(1500, 1420, 1350),
    fixed: fc.boolean(),
    // 1300 is in [1280, 1500]; 1200 and 1600 are outside it on either side.
    profile: fc.constantFrom<null | number>(null, 1300, 1200, 1600),
    known: fc.boolean(),
    restoreOnStop: fc.boolean(),
    applyScope: fc.constantFrom("auto" as const, "interface" as const, "routes" as const),
    iface: fc.constantFrom(undefined, "eth0"),
  })
  .map(({ baseline, fixed, profile, known, restoreOnStop, applyScope, iface }) =>
    testInput({
      applyScope,
      ...(iface === undefined ? {} : { iface }),
      baselineMtu: baseline,
      baselineFixed: fixed,
      currentMtu: baseline,
      restoreOnStop,
      profiles: profile === null ? [] : [{ match: "pangp", mtu: profile }],
      known: known ? { "Ethernet 3\u0000Cisco AnyConnect Secure Mobility Client": 1380 } : {},
    }),
  );
