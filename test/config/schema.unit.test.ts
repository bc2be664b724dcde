import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { CONFIG_PATHS, configDocTable, configSchema, defaultConfig } from "../../src/config/index.js";

const asset = new URL("../../assets/config.schema.json", import.meta.url);

interface Node {
  type?: string;
  properties?: Record<string, Node>;
  additionalProperties?: boolean;
  default?: unknown;
}

/** Leaf paths and defaults of a schema, walked the way a user reads it. */
function leaves(schema: Node, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    if (key === "$schema") continue;
    if (sub.type === "object" && sub.properties !== undefined) for (const [p, d] of leaves(sub, `${prefix}${key}.`)) out.set(p, d);
    else out.set(`${prefix}${key}`, sub.default);
  }
  return out;
}

function get(obj: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

describe("config schema", () => {
  it("is the published asset, byte for byte (regenerate: node dist/cli.js config schema > assets/config.schema.json)", async () => {
    expect(await readFile(asset, "utf8")).toBe(`${JSON.stringify(configSchema(), null, 2)}\n`);
  });

  it("has the validator's key set and defaults", () => {
    const fromSchema = leaves(configSchema());
    expect([...fromSchema.keys()]).toEqual(CONFIG_PATHS);
    const defaults = defaultConfig();
    for (const [path, d] of fromSchema) {
      // journal.path's default is derived from state.dir: the schema says so in words only.
      if (path === "journal.path") expect(d).toBeUndefined();
      else expect({ path, d }).toEqual({ path, d: get(defaults, path) });
    }
  });

  it("closes every object, so unknown keys are flagged by editors as by the validator", () => {
    const schema = configSchema() as Node;
    expect(schema.additionalProperties).toBe(false);
    for (const sub of Object.values(schema.properties ?? {})) if (sub.type === "object") expect(sub.additionalProperties).toBe(false);
  });
});

describe("docs/configuration.md", () => {
  it("embeds the current key table (regenerate: node dist/cli.js config keys)", async () => {
    const doc = await readFile(new URL("../../docs/configuration.md", import.meta.url), "utf8");
    const embedded = /<!-- keys:start[^\n]*-->\n([\s\S]*?)\n<!-- keys:end -->/.exec(doc)?.[1];
    expect(embedded).toBe(configDocTable());
  });
});
