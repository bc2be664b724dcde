import { and, not, or } from "xstate";
import { describe, expect, it } from "vitest";
import { guardLabel } from "../../src/viz/labels.js";
import { renderGraph } from "../../src/viz/render.js";
import { runCliProcess } from "../support/cli.js";

/** A guard as a bundler leaves it: same object, inner function renamed (esbuild: `and` → `and2`). */
function renamed<T extends object>(guard: T, name: string): T {
  return Object.defineProperty(guard, "name", { value: name });
}

describe("guard labels do not depend on bundler names", () => {
  it("labels and/or/not by what they are, whatever their function is called", () => {
    expect(guardLabel(renamed(and(["isCurrent", "probeInRange"]), "and2"))).toBe("isCurrent and probeInRange");
    expect(guardLabel(renamed(or(["a", "b"]), "x"))).toBe("a or b");
    expect(guardLabel(renamed(not(and(["a", "b"])), "not3"))).toBe("not a and b");
  });

  // docs/machine.md is generated from the source; users run the bundle. Both must draw the same machine.
  it.each(["json", "mermaid"] as const)("the built CLI's viz --format %s is the source's, guards included", async (format) => {
    const r = await runCliProcess(["viz", "--format", format]);
    expect(r.code, r.stderr).toBe(0);
    // runCliProcess (execa) strips the final newline.
    expect(r.stdout).toBe((await renderGraph(format)).replace(/\n$/, ""));
    expect(r.stdout).toMatch(/isCurrent and probeInRange/);
  });
});
