import { toDot } from "./dot.js";
import { machineGraph } from "./graph.js";
import { toMermaid } from "./mermaid.js";
import type { MachineGraph } from "./model.js";
import { dotToSvg } from "./svg.js";

export const vizFormats = ["mermaid", "dot", "svg", "json"] as const;
export type VizFormat = (typeof vizFormats)[number];

/** The machine's diagram in one format, generated from the machine definition. */
export async function renderGraph(format: VizFormat, graph: MachineGraph = machineGraph()): Promise<string> {
  switch (format) {
    case "mermaid":
      return toMermaid(graph);
    case "dot":
      return toDot(graph);
    case "svg":
      return `${await dotToSvg(toDot(graph))}\n`;
    case "json":
      return `${JSON.stringify(graph, null, 2)}\n`;
  }
}
