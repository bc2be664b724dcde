import { describe, expect, it } from "vitest";
import { importCycles, importGraph, runtimeImports } from "../support/importGraph.js";
import { sourceModules } from "../support/sourceModules.js";

const graph = importGraph(sourceModules());

/** The top folder of a module: `machines`, or `src/<folder>` (a file directly in src/ is its own). */
function layerOf(module: string): string {
  const parts = module.split("/");
  return parts[0] === "machines" ? "machines" : `src/${parts[1] ?? ""}`.replace(/\.ts$/, "");
}

const UTILITIES = ["src/assets", "src/errors", "src/fs", "src/json", "src/lines", "src/link", "src/nodeSupport", "src/text"];
const TOOLS = ["src/cli", "src/viz", "src/report", "src/lab", "src/doctor", "src/install"];
const PIPELINE = ["src/sources", "src/windows", "src/wsl", "src/effects", "src/probe", "src/journal", "src/runtime", "src/status", "src/config", "src/log"];

// Imports run down: the tools use the agent's pipeline, the pipeline uses the machine and the
// utilities, and the effects (the OS operations) sit under the probe and the runtime.
const RULES: ReadonlyArray<{ readonly layers: readonly string[]; readonly mayNotImport: readonly string[] }> = [
  { layers: ["machines"], mayNotImport: [...UTILITIES, ...PIPELINE, ...TOOLS] },
  { layers: UTILITIES, mayNotImport: ["machines", ...PIPELINE, ...TOOLS] },
  { layers: PIPELINE, mayNotImport: TOOLS },
  { layers: ["src/effects"], mayNotImport: ["src/probe", "src/runtime", "src/journal", "src/sources", "src/status"] },
];

describe("imports", () => {
  it("reads run-time imports and leaves out type-only ones", () => {
    const source = ['import { a } from "./a.js";', 'import type { B } from "./b.js";', 'import { type C } from "./c.js";', 'import { type D, e } from "./d.js";', 'export { f } from "./f.js";', 'import x from "xstate";'].join("\n");
    expect(runtimeImports(source)).toEqual(["./a.js", "./d.js", "./f.js"]);
  });

  it("finds a cycle", () => {
    const g = new Map([["a.ts", ["b.ts"]], ["b.ts", ["c.ts"]], ["c.ts", ["a.ts"]], ["d.ts", ["a.ts"]]]);
    expect(importCycles(g)).toEqual([["a.ts", "b.ts", "c.ts"]]);
  });

  it("src/ and machines/ have no import cycle", () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it.each(RULES)("$layers import none of $mayNotImport", ({ layers, mayNotImport }) => {
    const modules = [...graph.keys()].filter((m) => layers.includes(layerOf(m)));
    // A rule over folders that no longer exist would pass without checking anything.
    expect(new Set(modules.map(layerOf))).toEqual(new Set(layers));
    const upward = modules.flatMap((m) => (graph.get(m) ?? []).filter((d) => mayNotImport.includes(layerOf(d))).map((d) => `${m} → ${d}`));
    expect(upward).toEqual([]);
  });
});
