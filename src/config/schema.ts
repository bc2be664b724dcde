import type { JsonSchema } from "./kinds.js";
import { CONFIG_PATHS, Derived, specOf } from "./keys.js";
import { SCHEMA_KEY } from "./validate.js";

/** Where the schema is published: `assets/` is copied next to the bundle. */
export const SCHEMA_ASSET = "config.schema.json";

/** One key's schema: its kind's schema plus description and default. Pure. */
function leafSchema(path: (typeof CONFIG_PATHS)[number]): JsonSchema {
  const spec = specOf(path);
  if (spec.default instanceof Derived) return { ...spec.kind.schema, description: `${spec.doc} Default: ${spec.default.text}.` };
  return { ...spec.kind.schema, description: spec.doc, default: spec.default };
}

/**
 * The JSON Schema (draft 2020-12) of the config file, generated from the key table so it cannot
 * drift from the validator. Constraints between keys (minMtu <= maxMtu, ...) are only in the
 * validator. Pure.
 */
export function configSchema(): JsonSchema {
  const root: Record<string, Record<string, unknown>> = {};
  for (const path of CONFIG_PATHS) {
    const [head, tail] = path.split(".") as [string, string | undefined];
    if (tail === undefined) {
      root[head] = leafSchema(path);
      continue;
    }
    const section = (root[head] ??= { type: "object", additionalProperties: false, properties: {} });
    (section.properties as Record<string, JsonSchema>)[tail] = leafSchema(path);
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://wsl-vpn-agent.invalid/config.schema.json",
    title: "wsl-vpn-agent configuration",
    description: "Every key is optional; see docs/configuration.md.",
    type: "object",
    additionalProperties: false,
    properties: { [SCHEMA_KEY]: { type: "string", description: "Schema reference for editors; ignored by the agent." }, ...root },
  };
}
