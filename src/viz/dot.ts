import { childrenOf, drawnLabel, stateLines } from "./describe.js";
import { ANY_STATE, type GraphEdge, type GraphNode, type MachineGraph } from "./model.js";
import { domId, type Overlay } from "./overlay.js";

const TAKEN = "#d9480f";
const VISITED = "#fff4e6";

/** Font sizes (points) Graphviz lays out with: pages render text at `TEXT_SCALE` of them (see `pageSvg`), never below 11 px. */
const FONT = { state: 14, line: 13, edge: 13, cluster: 14 } as const;

type Lines = "all" | "taken";

export interface DotOptions {
  /** Lines inside a state's box: every entry/exit and internal transition, or only the internal ones taken. */
  readonly lines?: Lines;
  /** Left to right (the whole chart) or top to bottom (a part of it: narrower, fits a page). */
  readonly direction?: "LR" | "TB";
}

/**
 * The graph in Graphviz DOT. Compound states are clusters with an initial dot; transitions into a
 * compound state end at its cluster. With an overlay, visited states and taken transitions carry
 * their counts, the classes `visited`/`taken` and a highlight colour. Pure.
 */
export function toDot(graph: MachineGraph, overlay?: Overlay, options: DotOptions = {}): string {
  const lines = options.lines ?? "all";
  const out = [
    `digraph "${graph.id}" {`,
    `  graph [rankdir=${options.direction ?? "LR"}, compound=true, fontname="Helvetica", fontsize=${FONT.cluster}, nodesep=0.35, ranksep=0.6, bgcolor="transparent", pad=0.2];`,
    `  node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=${FONT.state}];`,
    `  edge [fontname="Helvetica", fontsize=${FONT.edge}, color="#555555", fontcolor="#333333"];`,
    '  "__start" [shape=point, width=0.15, label=""];',
    `  "__start" -> ${entryOf(graph, graph.initial)};`,
  ];
  if (graph.edges.some((e) => e.source === ANY_STATE)) {
    out.push(`  ${q(ANY_STATE)} [id=${q(domId("s", ANY_STATE))}, class="state any", shape=note, style=filled, fillcolor="#f1f3f5", label=${label(graph, ANY_STATE, "any state", lines, overlay)}];`);
  }
  for (const node of childrenOf(graph, null)) writeNode(graph, node, out, "  ", lines, overlay);
  for (const edge of graph.edges) if (!edge.internal) out.push(`  ${edgeLine(graph, edge, overlay)}`);
  out.push("}");
  return `${out.join("\n")}\n`;
}

function writeNode(graph: MachineGraph, node: GraphNode, out: string[], indent: string, lines: Lines, overlay?: Overlay): void {
  const visits = overlay?.visits.get(node.id) ?? 0;
  const cls = `state ${node.kind}${visits > 0 ? " visited" : ""}`;
  if (node.kind === "compound") {
    out.push(`${indent}subgraph ${q(`cluster_${node.id}`)} {`);
    // Left-justified: centred, a cluster's name sat where edges into it put their labels.
    out.push(`${indent}  id=${q(domId("s", node.id))}; class=${q(cls)}; labeljust="l"; style="rounded${visits > 0 ? ",filled" : ""}"; fillcolor=${q(VISITED)};`);
    out.push(`${indent}  label=${label(graph, node.id, node.key, lines, overlay)};`);
    out.push(`${indent}  ${q(`${node.id}.__initial`)} [shape=point, width=0.1, label=""];`);
    // A compound state drawn without its initial child (only the states visited) keeps the dot edges end at.
    if (node.initial !== null && graph.nodes.some((n) => n.id === node.initial)) out.push(`${indent}  ${q(`${node.id}.__initial`)} -> ${entryOf(graph, node.initial)};`);
    for (const child of childrenOf(graph, node.id)) writeNode(graph, child, out, `${indent}  `, lines, overlay);
    out.push(`${indent}}`);
    return;
  }
  const fill = visits > 0 ? VISITED : "#ffffff";
  const periphery = node.kind === "final" ? ", peripheries=2" : "";
  out.push(`${indent}${q(node.id)} [id=${q(domId("s", node.id))}, class=${q(cls)}, fillcolor=${q(fill)}${periphery}, label=${label(graph, node.id, node.key, lines, overlay)}];`);
}

function edgeLine(graph: MachineGraph, edge: GraphEdge, overlay?: Overlay): string {
  const taken = overlay?.taken.get(edge.id) ?? 0;
  const text = `${drawnLabel(graph, edge)}${taken > 0 ? `  ×${taken}` : ""}`;
  const attrs = [`id=${q(domId("e", edge.id))}`, `class=${q(taken > 0 ? "transition taken" : "transition")}`, `label=${q(text)}`];
  if (taken > 0) attrs.push(`color=${q(TAKEN)}`, `fontcolor=${q(TAKEN)}`, "penwidth=2.5");
  if (edge.event === null) attrs.push('style="dashed"');
  const from = graph.nodes.find((n) => n.id === edge.source);
  if (from?.kind === "compound") attrs.push(`ltail=${q(`cluster_${from.id}`)}`);
  const to = graph.nodes.find((n) => n.id === edge.target);
  if (to?.kind === "compound") attrs.push(`lhead=${q(`cluster_${to.id}`)}`);
  const source = from?.kind === "compound" ? q(`${from.id}.__initial`) : q(edge.source);
  return `${source} -> ${entryOf(graph, edge.target)} [${attrs.join(", ")}];`;
}

/** The node an edge into `id` ends at: the state itself, or a compound state's initial dot. */
function entryOf(graph: MachineGraph, id: string): string {
  const node = graph.nodes.find((n) => n.id === id);
  return q(node?.kind === "compound" ? `${id}.__initial` : id);
}

/** HTML-like label: the name in bold (with visits), then entry/exit and internal transitions. */
function label(graph: MachineGraph, id: string, name: string, lines: Lines, overlay?: Overlay): string {
  const visits = overlay?.visits.get(id) ?? 0;
  const rows = [`<B>${esc(name)}</B>${visits > 0 ? ` <FONT COLOR="${TAKEN}">×${visits}</FONT>` : ""}`];
  for (const line of stateLines(graph, id)) {
    const taken = line.edge === null ? 0 : (overlay?.taken.get(line.edge.id) ?? 0);
    if (lines === "taken" && taken === 0) continue;
    const text = esc(line.text) + (taken > 0 ? ` ×${taken}` : "");
    rows.push(`<FONT POINT-SIZE="${FONT.line}"${taken > 0 ? ` COLOR="${TAKEN}"` : ""}>${text}</FONT>`);
  }
  return `<${rows.join('<BR ALIGN="LEFT"/>')}<BR ALIGN="LEFT"/>>`;
}

function q(s: string): string {
  return JSON.stringify(s);
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
