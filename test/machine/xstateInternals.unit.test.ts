import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createActor, getMicrosteps } from "xstate";
import { describe, expect, it } from "vitest";
import { agentMachine, explainStep, inertScope, start } from "../../machines/index.js";
import { testInput, vpnA } from "../support/input.js";
import { REPO } from "../support/sourceModules.js";

// machines/inertScope.ts builds XState's inert actor scope itself and reads the `_transitions` of
// its `@xstate.microstep` inspection events; replay and the diagram (machines/edgeId.ts) find
// those transitions among the state nodes' own definitions. None of that is public API: these
// tests fail when an XState upgrade changes it, before replay quietly reports wrong transitions.
describe("the XState internals machines/ relies on", () => {
  it("xstate is pinned to one exact version, the one installed", () => {
    const pkg = JSON.parse(readFileSync(join(REPO, "package.json"), "utf8")) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    const wanted = pkg.dependencies?.xstate ?? pkg.devDependencies?.xstate;
    const installed = (JSON.parse(readFileSync(join(REPO, "node_modules/xstate/package.json"), "utf8")) as { version: string }).version;
    expect(wanted, "package.json: pin xstate to an exact version (inertScope.ts reads its internals)").toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed).toBe(wanted);
  });

  it("the inert scope has the members of an actor's own scope", () => {
    const actor = createActor(agentMachine, { input: testInput() }) as unknown as { _actorScope: object };
    expect(Object.keys(inertScope()).sort()).toEqual(Object.keys(actor._actorScope).sort());
  });

  it("a microstep report carries the snapshot and the transition definitions taken", () => {
    const [idle] = start(testInput());
    const event = { type: "network.settled", vpn: vpnA } as const;
    const { microsteps, snapshot } = explainStep(idle, event);
    expect(microsteps.length).toBeGreaterThan(0);
    // XState's own microsteps: as many, reaching the same states.
    expect(microsteps.map((m) => m.snapshot.value)).toEqual(getMicrosteps(agentMachine, idle, event).map(([s]) => s.value));
    expect(microsteps.at(-1)?.snapshot.value).toEqual(snapshot.value);
    for (const m of microsteps) {
      expect(Array.isArray(m.transitions) && m.transitions.length > 0, "@xstate.microstep has no _transitions").toBe(true);
      for (const t of m.transitions) {
        // The definition object itself, as the state node lists it: edgeId finds its index by identity.
        const listed = t.eventType === "" ? t.source.always : t.source.transitions.get(t.eventType);
        expect(listed).toContain(t);
      }
    }
  });
});
