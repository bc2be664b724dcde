import type { AgentInput } from "./context.js";
import type { Effect } from "./effects.js";
import type { AgentEvent } from "./events.js";
import { boundKnown, type KnownMtus } from "./known.js";
import { start } from "./start.js";
import { dottedState } from "./stateName.js";
import { explainStep, type AgentSnapshot, type StepResult } from "./step.js";
import { vpnKey } from "./vpn.js";

/**
 * Every VPN path the agent works on. `main` is the machine of the target's VPN (verify.url's: the
 * `vpn` of `network.settled`, the single machine of every earlier version, so old journals replay
 * unchanged). `others` holds one machine per other VPN with a probe target of its own (a profile
 * URL), keyed by `vpnKey`: each probes, applies on its own prefixes, verifies, rolls back and
 * restores on its own. Only `main` may own the interface; the others work on routes only.
 */
export interface Paths {
  readonly main: AgentSnapshot;
  readonly others: Readonly<Record<string, AgentSnapshot>>;
  /** Verified MTUs of other VPNs whose path retired: a path made for one again starts from it (absent: none). */
  readonly retiredKnown?: Readonly<Record<string, number>>;
}

/** One step over every path: the main machine's step as before, and the effects of all (others' tagged with their `path`). */
export interface PathsStep {
  readonly paths: Paths;
  /** The main machine's step (its effects untagged). */
  readonly main: StepResult;
  /** Every effect to run, in order: other paths retired or stepped first, then main's, then the others'. */
  readonly effects: readonly Effect[];
}

/** A fresh agent: the main machine, no other path. Pure. */
export function startPaths(input: AgentInput): [Paths, Effect[]] {
  const [main, effects] = start(input);
  return [{ main, others: {} }, effects];
}

/**
 * One pure step of every path. `network.settled` goes to main as is, and to each other path as
 * its own VPN (from `targets`), or as "no VPN" when its VPN no longer has a target; a VPN with a
 * target and no path gets one. Results and timers go to the path they name (`path`; absent: main).
 * `link.mtu` is main's alone (only main holds the interface); `agent.stop` goes to all.
 */
export function stepPaths(paths: Paths, event: AgentEvent, explain = false): PathsStep {
  const others: Record<string, AgentSnapshot> = { ...paths.others };
  const retiredKnown: Record<string, number> = { ...paths.retiredKnown };
  const before: Effect[] = [];
  const after: Effect[] = [];
  const run = (key: string, e: AgentEvent, into: Effect[]): void => {
    const current = others[key];
    if (current === undefined) return;
    const r = explainStep(current, e, false);
    into.push(...r.effects.map((x) => tagged(x, key)));
    if (!retired(r.snapshot)) others[key] = r.snapshot;
    else {
      delete others[key];
      const mtu = r.snapshot.context.known[key];
      if (mtu === undefined) delete retiredKnown[key];
      else retiredKnown[key] = mtu;
    }
  };
  if (event.type === "network.settled") {
    const mainKey = event.vpn === null ? null : vpnKey(event.vpn);
    const wanted = new Map((event.targets ?? []).filter((t) => vpnKey(t.vpn) !== mainKey).map((t) => [vpnKey(t.vpn), t] as const));
    // A VPN main takes over, or one without a target any more: its path restores what it set (before main applies).
    for (const key of Object.keys(others)) if (!wanted.has(key)) run(key, { type: "network.settled", vpn: null }, before);
    for (const [key, t] of wanted) {
      if (others[key] === undefined) others[key] = start(otherInput(paths.main, key, retiredKnown))[0];
      run(key, { type: "network.settled", vpn: t.vpn, ...(t.probeTarget === undefined ? {} : { probeTarget: t.probeTarget }) }, after);
    }
  } else if (event.type === "agent.stop") {
    for (const key of Object.keys(others)) run(key, event, after);
  } else if ("path" in event && event.path !== undefined) {
    run(event.path, withoutPath(event), after);
    return { paths: withRetired({ main: paths.main, others }, retiredKnown), main: { snapshot: paths.main, effects: [], microsteps: [] }, effects: after };
  }
  const main = explainStep(paths.main, event, explain);
  return { paths: withRetired({ main: main.snapshot, others }, retiredKnown), main, effects: [...before, ...main.effects, ...after] };
}

/**
 * The machine input of another VPN's path (`key`): main's, on routes only (never the interface),
 * with a baseline fixed at the interface's MTU now, so it never follows or restores the interface,
 * and the known MTU of its own VPN alone. Pure.
 */
export function otherInput(main: AgentSnapshot, key: string, retiredKnown: Readonly<Record<string, number>> = {}): AgentInput {
  const c = main.context;
  const { iface: _iface, ...input } = c.input;
  // Only its own VPN's MTU: each path's context is in every checkpoint, which must stay far below the journal's line limit.
  const mtu = retiredKnown[key] ?? c.known[key];
  const known = mtu === undefined ? {} : { [key]: mtu };
  return { ...input, applyScope: "routes", baselineFixed: true, baselineMtu: c.currentMtu, currentMtu: c.currentMtu, known, ...(c.iface === null ? {} : { iface: c.iface }) };
}

/** Paths with the retired paths' memory, left out while empty (as in checkpoints of earlier versions). */
function withRetired(p: Omit<Paths, "retiredKnown">, retiredKnown: Readonly<Record<string, number>>): Paths {
  return Object.keys(retiredKnown).length === 0 ? p : { ...p, retiredKnown };
}

/**
 * The verified MTUs to keep (what state.json holds): retired paths' first (the least recently
 * verified), then main's, each other path's own VPN's value while it has one (absent there:
 * forgotten after a failed verification), within the bounds of machines/known.ts. Nothing is
 * taken back from the stored file: main's known started from it, so an entry missing now was
 * forgotten or pushed out by the bounds (taking it back let state.json grow without limit). Pure.
 */
export function knownOfPaths(paths: Paths): KnownMtus {
  const out: Record<string, number> = { ...paths.retiredKnown, ...paths.main.context.known };
  for (const [key, s] of Object.entries(paths.others)) {
    const mtu = s.context.known[key];
    if (mtu === undefined) delete out[key];
    else out[key] = mtu;
  }
  return boundKnown(out);
}

/** A path with nothing left of its own: no VPN, no routes, no apply in flight. */
function retired(s: AgentSnapshot): boolean {
  const c = s.context;
  return s.status !== "active" || (dottedState(s.value) === "Direct.idle" && c.vpn === null && c.routes === null && c.pendingApplies === 0);
}

/** The effect as the runtime sees it: with the path it belongs to, so its result comes back there. */
function tagged(e: Effect, path: string): Effect {
  return { ...e, params: { ...e.params, path } } as Effect;
}

function withoutPath(e: AgentEvent): AgentEvent {
  const { path: _path, ...rest } = e as AgentEvent & { path?: string };
  return rest;
}
