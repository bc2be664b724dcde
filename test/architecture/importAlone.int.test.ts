import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO, sourceModules } from "../support/sourceModules.js";

interface Loaded {
  readonly module: string;
  readonly error: string | null;
}

// A module that only loads when something else was imported first (a cycle whose order matters:
// a `const` read before its module finished) throws on its own. A child Node process imports each
// module in a fresh module graph (support/importAlone), with Node's own ESM linking: a test
// runner's module registry handles cycles its own way and hides exactly this.
async function importEachAlone(modules: readonly string[]): Promise<Map<string, string | null>> {
  const r = await execa(process.execPath, ["--import", "tsx", "--import", "./test/support/importAlone/register.mjs", "test/support/importAlone/run.mjs", ...modules], { cwd: REPO });
  const lines = r.stdout.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Loaded);
  return new Map(lines.map((l) => [l.module, l.error]));
}

describe("every module of src/ and machines/ imports on its own", () => {
  const modules = sourceModules();
  let results = new Map<string, string | null>();
  beforeAll(async () => {
    results = await importEachAlone(modules);
  }, 120_000);

  it("finds the modules", () => {
    expect(modules).toContain("machines/agentMachine.ts");
    expect(modules).toContain("src/lab/demo/split.ts");
  });

  it.each(modules)("%s", (path) => {
    expect(results.get(path)).toBeNull();
  });
});
