import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { embedDiagram } from "../../src/viz/docsDiagram.js";
import { renderGraph } from "../../src/viz/render.js";

const docs = new URL("../../docs/", import.meta.url);

// The checked-in diagrams are regenerated from the current machine; any difference means someone
// changed the machine without running `npm run docs:diagram`.
describe("docs diagrams", () => {
  it("docs/machine.md embeds the diagram of the current machine", async () => {
    const markdown = await readFile(new URL("machine.md", docs), "utf8");
    expect(markdown, "docs/machine.md is stale: run npm run docs:diagram").toBe(embedDiagram(markdown, await renderGraph("mermaid")));
  });

  it("docs/machine.svg is the rendering of the current machine", async () => {
    const svg = await readFile(new URL("machine.svg", docs), "utf8");
    expect(svg === (await renderGraph("svg")), "docs/machine.svg is stale: run npm run docs:diagram").toBe(true);
  });

  it("replaces an existing block and appends a missing one", () => {
    const once = embedDiagram("# T\n", "stateDiagram-v2\n  A --> B\n");
    expect(once).toContain("```mermaid\nstateDiagram-v2\n  A --> B\n```");
    expect(embedDiagram(`${once}after\n`, "stateDiagram-v2\n  B --> C\n")).toMatch(/B --> C\n```\n<!-- diagram:end -->\nafter\n$/);
  });
});
