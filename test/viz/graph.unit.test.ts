import { describe, expect, it } from "vitest";
import { agentMachine } from "../../machines/index.js";
import { machineGraph } from "../../src/viz/graph.js";
import { ANY_STATE } from "../../src/viz/model.js";

/**
 * The expectation is read from the machine's raw config (what the author wrote), not from the state
 * nodes the graph walks, so a transition the walker missed or invented shows up here.
 */
interface Expected {
  source: string;
  event: string | null;
  target: string;
  guarded: boolean;
}

type Config = { states?: Record<string, Config>; on?: Record<string, unknown>; always?: unknown; initial?: string };

function resolve(target: string, parent: string): string {
  if (target.startsWith("#agent.")) return target.slice("#agent.".length);
  return parent === "" ? target : `${parent}.${target}`;
}

function expectedFrom(config: Config, path: string, states: string[], edges: Expected[]): void {
  const source = path === "" ? ANY_STATE : path;
  const parent = path.includes(".") ? path.slice(0, path.lastIndexOf(".")) : "";
  const add = (event: string | null, spec: unknown): void => {
    for (const t of Array.isArray(spec) ? spec : [spec]) {
      const def = (typeof t === "string" ? { target: t } : t) as { target?: string; guard?: unknown };
      const target = def.target === undefined ? source : resolve(def.target, path === "" ? "" : parent);
      edges.push({ source, event, target, guarded: def.guard !== undefined });
    }
  };
  for (const [event, spec] of Object.entries(config.on ?? {})) add(event, spec);
  if (config.always !== undefined) add(null, config.always);
  for (const [key, child] of Object.entries(config.states ?? {})) {
    const id = path === "" ? key : `${path}.${key}`;
    states.push(id);
    expectedFrom(child, id, states, edges);
  }
}

describe("machineGraph", () => {
  const graph = machineGraph();
  const states: string[] = [];
  const edges: Expected[] = [];
  expectedFrom(agentMachine.config as Config, "", states, edges);

  it("has every state and sub-state of the machine, and no other", () => {
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([...states].sort());
    expect(states).toEqual(expect.arrayContaining(["Direct.idle", "VpnDetected.verifying", "Applied.steady", "Probing", "Degraded"]));
  });

  it("has every transition with its event, target and guard, and no other", () => {
    const simple = graph.edges.map((e) => ({ source: e.source, event: e.event, target: e.target, guarded: e.guard !== null }));
    const key = (e: Expected): string => JSON.stringify([e.source, e.event, e.target, e.guarded]);
    expect(simple.map(key).sort()).toEqual(edges.map(key).sort());
  });

  it("labels guards, effects and timers", () => {
    const rollback = graph.edges.find((e) => e.event === "verify.failed" && e.target === "Probing" && e.source.startsWith("VpnDetected"));
    expect(rollback?.guard).toBe("isCurrent and targetFromKnown");
    expect(rollback?.effects).toContain("applyMtu(rollback)");
    const probing = graph.nodes.find((n) => n.id === "Probing");
    expect(probing?.entry).toContain("startProbe");
    expect(probing?.exit).toContain("cancelProbe");
    expect(graph.nodes.find((n) => n.id === "Applied.steady")?.timers).toEqual(["health"]);
    expect(graph.initial).toBe(agentMachine.config.initial);
  });

  it("gives every edge a unique id", () => {
    expect(new Set(graph.edges.map((e) => e.id)).size).toBe(graph.edges.length);
  });
});
