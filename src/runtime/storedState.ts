import { boundKnown, KNOWN_LIMITS, knownKeyFits } from "../../machines/index.js";
import { MTU } from "../config/keys.js";
import { isKernelIfaceName } from "../link/ifaceName.js";
import { preview } from "../text/preview.js";
import type { PersistedState } from "./stateStore.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Why a key of `baselines` or `known` cannot be used, or null. */
type KeyRule = (key: string) => string | null;

const interfaceKey: KeyRule = (key) => (isKernelIfaceName(key) ? null : "is not an interface name");
const vpnKeyRule: KeyRule = (key) => (knownKeyFits(key) ? null : `is longer than ${KNOWN_LIMITS.keyChars} characters, which no VPN's name and description are`);

/**
 * What a parsed state.json holds that the agent may use, and one line per entry it ignores (file,
 * key, value and why). The file is input like the config (users may edit it): every MTU must be
 * one the config accepts (`MTU`, so nothing below 576 is applied and every journal written from it
 * replays), a baseline is keyed by an interface name, a known MTU by a key a VPN can have, and the
 * known MTUs are cut to the machine's bounds (machines/known.ts). Pure.
 */
export function storedState(value: unknown, file: string): { readonly state: PersistedState; readonly ignored: readonly string[] } {
  if (!isObject(value)) return { state: { baselineMtu: null, known: {} }, ignored: [`ignoring ${file}: expected a JSON object, got ${preview(value)}`] };
  const problems: string[] = [];
  const single = value.baselineMtu ?? null;
  const singleProblems = single === null ? [] : MTU.check(single, "baselineMtu");
  problems.push(...singleProblems);
  const known = valid(value.known, "known", vpnKeyRule, problems);
  const bounded = boundKnown(known);
  const dropped = Object.keys(known).length - Object.keys(bounded).length;
  if (dropped > 0) problems.push(`known: its ${dropped} least recently verified entries (the agent keeps at most ${KNOWN_LIMITS.entries}, in ${KNOWN_LIMITS.bytes} bytes of JSON)`);
  const baselines = value.baselines === undefined ? {} : { baselines: valid(value.baselines, "baselines", interfaceKey, problems) };
  const baselineMtu = single === null || singleProblems.length > 0 ? null : (single as number);
  return { state: { baselineMtu, known: bounded, ...baselines }, ignored: problems.map((p) => `ignoring ${file} ${p}`) };
}

/** The entries of `v` (the object at `key`) with a usable key and an MTU the config accepts; a line in `problems` for each other. */
function valid(v: unknown, key: string, rule: KeyRule, problems: string[]): Record<string, number> {
  if (v === undefined) return {};
  if (!isObject(v)) {
    problems.push(`${key}: expected an object, got ${preview(v)}`);
    return {};
  }
  const kept: [string, number][] = [];
  for (const [name, mtu] of Object.entries(v)) {
    const path = `${key}[${preview(name, 64)}]`;
    const bad = rule(name);
    const lines = bad === null ? MTU.check(mtu, path) : [`${path}: the key ${bad}`];
    if (lines.length === 0) kept.push([name, mtu as number]);
    problems.push(...lines);
  }
  // fromEntries, not assignment: a key "__proto__" stays a key.
  return Object.fromEntries(kept);
}
