import { MAX_ADAPTER_TEXT } from "../../machines/vpn.js";
import { locateJsonError } from "../json/syntaxError.js";
import { inMtuBounds, MTU_BOUNDS } from "../link/mtuBounds.js";
import { parseRoutes, type Route } from "./routes.js";
import { isCount } from "./count.js";

/** One Windows network adapter as a watcher reports it. Only the first four fields are required. */
export interface AdapterSnapshot {
  readonly name: string;
  readonly description: string;
  readonly status: string;
  /** IPv4 NlMtu. */
  readonly mtu: number;
  readonly defaultRoute?: boolean;
  readonly metric?: number;
  readonly ipv6Mtu?: number;
  readonly interfaceType?: number;
  readonly virtual?: boolean;
  /** IPv4 routes through this adapter (src/windows/routes.ts); absent: the watcher sends none. */
  readonly routes?: readonly Route[];
}

/** One snapshot line: every adapter Windows knows at one moment. */
export interface NetworkSnapshot {
  readonly adapters: readonly AdapterSnapshot[];
}

export { MAX_ADAPTER_TEXT };

export type ParseResult = { readonly ok: true; readonly snapshot: NetworkSnapshot } | { readonly ok: false; readonly problem: string };

/**
 * Parses one snapshot line (the custom-watcher contract). Unknown fields are dropped; a wrong
 * shape gives a problem string naming the first offending field. Pure; never throws.
 */
export function parseSnapshotLine(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Our own position and words: V8's message echoes the line raw, control characters and all.
    const { column, reason } = locateJsonError(text);
    return { ok: false, problem: `not JSON at column ${column}: ${reason}` };
  }
  if (!isRecord(value)) return { ok: false, problem: "not a JSON object" };
  const adapters = value.adapters;
  if (!Array.isArray(adapters)) return { ok: false, problem: '"adapters" is missing or not an array' };
  const out: AdapterSnapshot[] = [];
  for (const [i, raw] of adapters.entries()) {
    const parsed = parseAdapter(raw);
    if (typeof parsed === "string") return { ok: false, problem: `adapters[${i}]: ${parsed}` };
    out.push(parsed);
  }
  return { ok: true, snapshot: { adapters: out } };
}

/** An adapter, or the problem with it. */
function parseAdapter(raw: unknown): AdapterSnapshot | string {
  if (!isRecord(raw)) return "not an object";
  const texts: { name?: string; description?: string; status?: string } = {};
  for (const key of ["name", "description", "status"] as const) {
    const v = raw[key];
    if (typeof v !== "string") return `"${key}" must be a string`;
    if (v.length > MAX_ADAPTER_TEXT) return `"${key}" is longer than ${MAX_ADAPTER_TEXT} characters`;
    texts[key] = v;
  }
  const { name = "", description = "", status = "" } = texts;
  const mtu = raw.mtu;
  if (!inMtuBounds(mtu, MTU_BOUNDS.windows)) return '"mtu" must be a positive integer';
  const adapter: { -readonly [K in keyof AdapterSnapshot]: AdapterSnapshot[K] } = { name, description, status, mtu };
  // Optional fields: a wrong type is a problem, null or absent means "not reported".
  for (const key of ["defaultRoute", "virtual"] as const) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== "boolean") return `"${key}" must be a boolean`;
    adapter[key] = v;
  }
  for (const key of ["metric", "ipv6Mtu", "interfaceType"] as const) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    if (!isCount(v)) return `"${key}" must be a non-negative integer`;
    adapter[key] = v;
  }
  const routes = parseRoutes(raw.routes);
  if (typeof routes === "string") return routes;
  if (routes !== undefined) adapter.routes = routes;
  return adapter;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
