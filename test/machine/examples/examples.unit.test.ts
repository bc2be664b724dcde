import { describe, expect, it } from "vitest";
import { machineGraph } from "../../../src/viz/graph.js";
import { anyState } from "./anyState.examples.js";
import { applied } from "./applied.examples.js";
import { degraded } from "./degraded.examples.js";
import { direct } from "./direct.examples.js";
import { examples, run } from "./example.js";
import { ifaceChoice } from "./iface.examples.js";
import { probing } from "./probing.examples.js";
import { splitTunnel } from "./splitTunnel.examples.js";
import { vpnDetected } from "./vpnDetected.examples.js";

const all = { anyState, direct, vpnDetected, probing, applied, degraded, splitTunnel, ifaceChoice };

for (const [group, list] of Object.entries(all)) describe(group, () => examples(list));

describe("every transition of the machine has an example", () => {
  it("the `when` steps of the examples take every transition the machine defines", () => {
    const taken = new Set(Object.values(all).flatMap((list) => Object.values(list).flatMap((e) => run(e).edges)));
    const missing = machineGraph().edges.map((e) => e.id).filter((id) => !taken.has(id));
    expect(missing, "transitions without an example").toEqual([]);
  });
});
