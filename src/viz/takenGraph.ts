import { ANY_STATE, type MachineGraph } from "./model.js";
import type { Overlay } from "./overlay.js";

/**
 * The part of the machine a journal went through: the states entered (with their enclosing
 * states) and the transitions taken. Small enough to draw readably where the whole chart is not. Pure.
 */
export function takenGraph(graph: MachineGraph, overlay: Overlay): MachineGraph {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const keep = new Set<string>();
  const add = (id: string): void => {
    for (let n = byId.get(id); n !== undefined && !keep.has(n.id); n = n.parent === null ? undefined : byId.get(n.parent)) keep.add(n.id);
  };
  for (const [id, n] of overlay.visits) if (n > 0) add(id);
  const edges = graph.edges.filter((e) => (overlay.taken.get(e.id) ?? 0) > 0);
  for (const e of edges) {
    if (e.source !== ANY_STATE) add(e.source);
    add(e.target);
  }
  return { ...graph, nodes: graph.nodes.filter((n) => keep.has(n.id)), edges };
}
