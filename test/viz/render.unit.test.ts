import { describe, expect, it } from "vitest";
import { machineGraph } from "../../src/viz/graph.js";
import { ANY_STATE } from "../../src/viz/model.js";
import { domId } from "../../src/viz/overlay.js";
import { renderGraph } from "../../src/viz/render.js";
import { toDot } from "../../src/viz/dot.js";
import { dotToSvg } from "../../src/viz/svg.js";

const graph = machineGraph();
const mid = (id: string): string => (id === ANY_STATE ? "AnyState" : id.replace(/[^A-Za-z0-9]/g, "_"));

describe("renderers", () => {
  it("mermaid is a stateDiagram-v2 with every state and every transition that leaves its state", async () => {
    const text = await renderGraph("mermaid");
    expect(text.startsWith("stateDiagram-v2\n")).toBe(true);
    for (const node of graph.nodes) expect(text).toContain(`as ${mid(node.id)}`);
    for (const edge of graph.edges.filter((e) => !e.internal)) {
      expect(text).toMatch(new RegExp(`\\n  ${mid(edge.source)} --> ${mid(edge.target)} : ${(edge.event ?? "always").replace(/\./g, "\\.")}`));
    }
  });

  it("svg has an element per state and per drawn transition, with ids the pages use", async () => {
    const svg = await renderGraph("svg");
    expect(svg.startsWith("<svg")).toBe(true);
    for (const node of graph.nodes) expect(svg).toContain(`id="${domId("s", node.id)}"`);
    for (const edge of graph.edges.filter((e) => !e.internal)) expect(svg).toContain(`id="${domId("e", edge.id)}"`);
  });

  it("json lists nodes and edges", async () => {
    const parsed = JSON.parse(await renderGraph("json")) as { nodes: unknown[]; edges: unknown[] };
    expect(parsed.nodes).toHaveLength(graph.nodes.length);
    expect(parsed.edges).toHaveLength(graph.edges.length);
  });

  it("an overlay marks visited states and taken transitions with their counts", async () => {
    const edge = graph.edges.find((e) => e.source === "Probing" && e.target === "VpnDetected.applying");
    if (edge === undefined) throw new Error("machine has no Probing → applying transition");
    const svg = await dotToSvg(toDot(graph, { visits: new Map([["Probing", 3]]), taken: new Map([[edge.id, 2]]) }));
    expect(svg).toMatch(new RegExp(`<g id="${domId("e", edge.id)}" class="edge transition taken"`));
    expect(svg).toMatch(new RegExp(`<g id="s_Probing" class="node state atomic visited"`));
    expect(svg).toContain("×3");
    expect(svg).toContain("×2");
  });
});
