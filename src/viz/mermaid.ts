import { childrenOf, drawnLabel, stateLines } from "./describe.js";
import { ANY_STATE, type GraphNode, type MachineGraph } from "./model.js";

const ANY = "AnyState";

/** The graph as a Mermaid `stateDiagram-v2` (renders on GitHub). Pure. */
export function toMermaid(graph: MachineGraph): string {
  const out = ["stateDiagram-v2", "  direction LR", `  [*] --> ${mid(graph.initial)}`];
  out.push(`  state "any state" as ${ANY}`);
  for (const line of stateLines(graph, ANY_STATE)) out.push(`  ${ANY} : ${clean(line.text)}`);
  for (const node of childrenOf(graph, null)) writeState(graph, node, out, "  ");
  for (const node of graph.nodes) {
    // Mermaid has no entry/exit text for composite states: a note carries it.
    if (node.kind !== "compound") continue;
    for (const line of stateLines(graph, node.id)) out.push(`  note right of ${mid(node.id)} : ${clean(line.text)}`);
  }
  for (const edge of graph.edges) {
    if (edge.internal) continue;
    out.push(`  ${mid(edge.source)} --> ${mid(edge.target)} : ${clean(drawnLabel(graph, edge))}`);
  }
  return `${out.join("\n")}\n`;
}

function writeState(graph: MachineGraph, node: GraphNode, out: string[], indent: string): void {
  out.push(`${indent}state "${node.key}" as ${mid(node.id)}`);
  if (node.kind === "compound") {
    out.push(`${indent}state ${mid(node.id)} {`);
    out.push(`${indent}  [*] --> ${mid(node.initial ?? "")}`);
    for (const child of childrenOf(graph, node.id)) writeState(graph, child, out, `${indent}  `);
    out.push(`${indent}}`);
    return;
  }
  for (const line of stateLines(graph, node.id)) out.push(`${indent}${mid(node.id)} : ${clean(line.text)}`);
  if (node.kind === "final") out.push(`${indent}${mid(node.id)} --> [*]`);
}

/** Mermaid ids are plain words: `Applied.steady` becomes `Applied_steady`. */
function mid(id: string): string {
  return id === ANY_STATE ? ANY : id.replace(/[^A-Za-z0-9]/g, "_");
}

/** Characters Mermaid reads as syntax inside a label. */
function clean(text: string): string {
  return text.replace(/[;:#{}]/g, " ").replace(/\|/g, "/");
}
