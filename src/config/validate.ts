import { describe, keyText } from "./kinds.js";
import { CONFIG_PATHS, Derived, specOf } from "./keys.js";
import { RULES } from "./rules.js";
import { suggest } from "./suggest.js";
import type { AgentConfig, ConfigPath } from "./types.js";

export type Validation = { readonly ok: true; readonly config: AgentConfig } | { readonly ok: false; readonly problems: readonly string[] };

/** Top-level key a config file may carry for editors; it has no effect. */
export const SCHEMA_KEY = "$schema";

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const leaves = new Set<string>(CONFIG_PATHS);
const sections = new Map<string, string[]>();
for (const p of CONFIG_PATHS) {
  const [head, tail] = p.split(".");
  if (head !== undefined && tail !== undefined) sections.set(head, [...(sections.get(head) ?? []), tail]);
}
const topLevel = [...new Set(CONFIG_PATHS.map((p) => p.split(".")[0] ?? p))];

/**
 * Checks a parsed config file and resolves it over the defaults. Reports every problem, one line
 * each, naming the key path and what was expected. Pure.
 */
export function validateConfig(raw: unknown): Validation {
  if (!isObject(raw)) return { ok: false, problems: [`(top level): expected a JSON object, got ${describe(raw)}`] };
  const given = new Map<ConfigPath, unknown>();
  const problems: string[] = [];
  const bad = new Set<string>();
  const unknownKey = (section: string, key: string, candidates: readonly string[]): void => {
    const hint = suggest(key, candidates);
    problems.push(`${section}${keyText(key)}: unknown key${hint === undefined ? "" : ` (did you mean "${section}${hint}"?)`}`);
  };
  const take = (path: ConfigPath, value: unknown): void => {
    const found = specOf(path).kind.check(value, path);
    if (found.length > 0) bad.add(path);
    // One by one: spreading 70,000 problems into push() overflows the stack.
    for (const line of found) problems.push(line);
    given.set(path, value);
  };
  for (const [key, value] of Object.entries(raw)) {
    if (key === SCHEMA_KEY) continue;
    const fields = sections.get(key);
    if (leaves.has(key)) take(key as ConfigPath, value);
    else if (fields === undefined) unknownKey("", key, topLevel);
    else if (!isObject(value)) problems.push(`${key}: expected an object with keys ${fields.join(", ")}, got ${describe(value)}`);
    else {
      for (const [sub, v] of Object.entries(value)) {
        if (fields.includes(sub)) take(`${key}.${sub}` as ConfigPath, v);
        else unknownKey(`${key}.`, sub, fields);
      }
    }
  }
  const get = resolver(given);
  for (const rule of RULES) {
    if (rule.paths.some((p) => bad.has(p))) continue;
    for (const line of rule.check(get)) problems.push(line);
  }
  if (problems.length > 0) return { ok: false, problems: capped(problems) };
  return { ok: true, config: nest(CONFIG_PATHS.map((p) => [p, get(p)])) };
}

/** Problems shown for one file: enough to fix a real file, bounded for a generated one. */
export const MAX_PROBLEMS = 50;

function capped(problems: readonly string[]): readonly string[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  return [...problems.slice(0, MAX_PROBLEMS), `... and ${problems.length - MAX_PROBLEMS} more problems`];
}

/** Given value, else the default (derived defaults computed from the resolved keys). Pure. */
function resolver(given: ReadonlyMap<ConfigPath, unknown>): (path: ConfigPath) => unknown {
  const get = (path: ConfigPath): unknown => {
    if (given.has(path)) return given.get(path);
    const d = specOf(path).default;
    return d instanceof Derived ? d.derive(get) : d;
  };
  return get;
}

/** Dotted paths and values → the nested config object. Pure. */
function nest(entries: readonly (readonly [string, unknown])[]): AgentConfig {
  const out: Record<string, unknown> = {};
  for (const [path, value] of entries) {
    const parts = path.split(".");
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1] ?? path] = value;
  }
  return out as unknown as AgentConfig;
}

/** The configuration used when there is no config file. Pure. */
export function defaultConfig(): AgentConfig {
  const result = validateConfig({});
  if (!result.ok) throw new Error(`defaults are invalid: ${result.problems.join("; ")}`);
  return result.config;
}
