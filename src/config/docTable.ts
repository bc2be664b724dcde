import { CONFIG_KEYS, CONFIG_PATHS, Derived } from "./keys.js";

/** The Markdown table of every key (type, default, meaning) that docs/configuration.md embeds. Pure. */
export function configDocTable(): string {
  const rows = CONFIG_PATHS.map((path) => {
    const spec = CONFIG_KEYS[path];
    const d = spec.default instanceof Derived ? spec.default.text : JSON.stringify(spec.default);
    return `| \`${path}\` | ${spec.kind.expected.replaceAll("|", "\\|")} | \`${d}\` | ${spec.doc} |`;
  });
  return ["| key | valid values | default | meaning |", "| --- | --- | --- | --- |", ...rows].join("\n");
}
