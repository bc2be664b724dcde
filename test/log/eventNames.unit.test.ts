import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, sourceModules } from "../support/sourceModules.js";

/** Every pino call in the agent's sources: `log.info(`, `o.log.warn(`, ... and what its first argument starts with. */
function logCalls(): { where: string; first: string }[] {
  const calls: { where: string; first: string }[] = [];
  for (const path of sourceModules()) {
    const text = readFileSync(join(REPO, path), "utf8");
    for (const m of text.matchAll(/\blog(?:\.(?:fatal|error|warn|info|debug|trace)|\[[^\]\n]*\])\(([^\n]{0,60})/g)) {
      calls.push({ where: `${path}:${text.slice(0, m.index).split("\n").length}`, first: m[1] ?? "" });
    }
  }
  return calls;
}

describe("log lines", () => {
  it("each names its event first, a stable dotted name fleets' pipelines filter on (docs/operations.md)", () => {
    const calls = logCalls();
    expect(calls.length).toBeGreaterThan(30);
    expect(calls.filter((c) => !/^\{ event: "[a-z_]+\.[a-z_]+"/.test(c.first)).map((c) => `${c.where}: ${c.first}`)).toEqual([]);
  });
});
