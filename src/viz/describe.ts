import { ANY_STATE, edgeLabel, type GraphEdge, type GraphNode, type MachineGraph } from "./model.js";

/** Lines written inside a state's box: entry/exit actions and transitions that do not leave it. Pure. */
export function stateLines(graph: MachineGraph, id: string): { edge: GraphEdge | null; text: string }[] {
  const node = graph.nodes.find((n) => n.id === id);
  const lines: { edge: GraphEdge | null; text: string }[] = [];
  if (node !== undefined && node.entry.length > 0) lines.push({ edge: null, text: `entry / ${node.entry.join(", ")}` });
  if (node !== undefined && node.exit.length > 0) lines.push({ edge: null, text: `exit / ${node.exit.join(", ")}` });
  for (const edge of graph.edges) {
    if (edge.source === id && edge.internal) lines.push({ edge, text: edgeLabel(edge) });
  }
  return lines;
}

/** Timers armed by a state or its ancestors: what a `timer.fired` out of it answers. Pure. */
export function timersOf(graph: MachineGraph, id: string): string[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const timers: string[] = [];
  for (let n: GraphNode | undefined = byId.get(id); n !== undefined; n = n.parent === null ? undefined : byId.get(n.parent)) {
    timers.push(...n.timers);
  }
  return timers;
}

/** Label of a drawn edge, naming the timer of `timer.fired`. Pure. */
export function drawnLabel(graph: MachineGraph, edge: GraphEdge): string {
  return edgeLabel(edge, edge.source === ANY_STATE ? [] : timersOf(graph, edge.source));
}

export function childrenOf(graph: MachineGraph, parent: string | null): GraphNode[] {
  return graph.nodes.filter((n) => n.parent === parent);
}
