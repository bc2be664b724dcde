import { setMaxListeners } from "node:events";
import type { ProbeEvidence, SizeResult } from "../../machines/evidence.js";
import { readMtu } from "../effects/linkMtu.js";
import { bracketOf, isExact } from "./candidates.js";
import { DEFAULTS, DEFAULT_RANGES, Pool, pinSlot, probeSlots, type OwnedRanges } from "./config.js";
import { parallelSearch, type SearchState } from "./parallelSearch.js";
import { lowerCeiling, raiseCeiling, type Raised } from "./ceiling.js";
import type { ProbeProgress } from "./progress.js";
import { pathTo } from "../effects/routeGet.js";
import { cleanupProbeState } from "./routes.js";
import { sequentialSearch } from "./sequential.js";
import { resolveTarget, tcpReachable } from "./target.js";
import { errorMessage } from "../errors.js";
import type { ProbeFailure, ProbeFailureKind } from "./failure.js";
import { proxyLabel, type ProxyEndpoint } from "../proxy/proxyUrl.js";
import { proxyRefusalIn } from "../proxy/tunnel.js";

export interface ProbeOptions {
  readonly url: string;
  /** Probe through this HTTP proxy (CONNECT per attempt); the routes then point at the proxy. */
  readonly proxy?: ProxyEndpoint | null;
  /** Interface to probe through; default: the one the kernel routes the target through. */
  readonly iface?: string;
  readonly min?: number;
  readonly max?: number;
  /** The Windows VPN adapter's MTU: candidates around it minus common overheads come first. */
  readonly hint?: number | null;
  readonly timeoutMs?: number;
  readonly parallelism?: number;
  readonly attempts?: number;
  readonly ranges?: OwnedRanges;
  /** Run the ICMP narrowing round alongside round 1 (default true). */
  readonly icmp?: boolean;
  /** Raise the interface (its routes pinned) to probe above its MTU (default true); false: probe up to it. */
  readonly raise?: boolean;
  /**
   * Told `true` before the interface may be raised to probe above its MTU (raise.ts) and `false`
   * once it is back: the agent ignores its own link changes in between.
   */
  readonly onRaise?: (raising: boolean) => void;
  /**
   * Set (to who holds it) when another agent owns the interface and the main table: the probe then
   * never raises the interface, never adds or flushes main-table routes (no sequential fallback),
   * and keeps to its own tables and rules.
   */
  readonly besideAgent?: string;
  /** "sequential" forces the fallback (tests, comparisons). */
  readonly method?: "auto" | "sequential";
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: ProbeProgress) => void;
}

export type ProbeOutcome = { readonly ok: true; readonly mtu: number; readonly iface: string; readonly evidence: ProbeEvidence } | ProbeFailure;

const MAX_ROUNDS = 6;

/**
 * Finds the largest MTU (to the byte) that carries TLS to `url` in both directions. The interface
 * is only touched to probe above its MTU: then it is raised with the user's routes pinned to the
 * old MTU, and put back at the end (ceiling.ts). Agent rules, tables and the pin are removed at
 * start (stale), after every round and at the end, also on abort. Never throws for network
 * outcomes: they come back as data.
 */
export async function runProbe(o: ProbeOptions): Promise<ProbeOutcome> {
  const t0 = performance.now();
  const ranges = o.ranges ?? DEFAULT_RANGES;
  const timeoutMs = o.timeoutMs ?? DEFAULTS.timeoutMs;
  const signal = o.signal ?? new AbortController().signal;
  setMaxListeners(0, signal); // every probe of a round listens to it
  const notes: string[] = [];
  const state: SearchState = { results: new Map(), tested: new Set(), rounds: 0, icmp: null };
  let method: ProbeEvidence["method"] = o.method === "sequential" ? "sequential" : "parallel";
  const progress = (p: ProbeProgress): void => o.onProgress?.(p);
  const note = (text: string): void => {
    notes.push(text);
    progress({ type: "note", text });
  };
  const warn = (text: string): void => {
    notes.push(text);
    progress({ type: "warning", text });
  };
  const evidence = (): ProbeEvidence => ({
    method,
    rounds: state.rounds,
    durationMs: Math.round(performance.now() - t0),
    sizes: [...state.results.values()].sort((a, b) => a.mtu - b.mtu),
    icmp: state.icmp,
    notes,
  });
  const fail = (kind: ProbeFailureKind, reason: string, iface?: string): ProbeOutcome => ({ ok: false, kind, reason, ...(iface === undefined ? {} : { iface }), evidence: evidence() });

  let target;
  try {
    target = await resolveTarget(o.url, o.proxy);
  } catch (error) {
    return fail("unresolved", `cannot resolve ${o.url}: ${errorMessage(error)}`);
  }
  if (o.proxy !== undefined && o.proxy !== null) {
    const at = o.proxy.host === target.address ? "" : `, at ${target.address}`;
    note(`through proxy ${proxyLabel(o.proxy)} (from ${o.proxy.source}${at}): the MTU measured is that of the path to the proxy`);
  }
  const path = await pathTo(target.address, o.iface);
  if ("error" in path) return fail("noRoute", `no route to ${target.address}: ${path.error}`);
  const iface = path.dev;
  const min = o.min ?? DEFAULTS.min;
  let max = o.max ?? DEFAULTS.max;
  const beside = o.besideAgent !== undefined;
  if (beside) note(`${o.besideAgent}: probing beside it, up to ${iface}'s MTU, without touching ${iface} or the main table`);
  if (beside && method === "sequential") return fail("besideAgent", "the sequential method adds a route to the main table, which the running agent owns: stop it first", iface);
  const mainTable = !beside;
  const stale = await cleanupProbeState(ranges, { address: target.address, path }, { mainTable });
  stale.recovered.forEach(warn);
  if (!stale.ok) note(`cleanup of stale agent rules reported: ${stale.error}`);
  let raised: Raised | null = null;
  let held = false;
  try {
    const reach = await tcpReachable(target, timeoutMs, signal);
    if (!reach.ok) {
      const refusal = proxyRefusalIn(reach.reason);
      return refusal === undefined ? fail("unreachable", `target unreachable: ${reach.reason}`, iface) : fail("proxyRefused", refusal, iface);
    }
    const linkMtu = await readMtu(iface).catch(() => null);
    // Only the parallel engine can probe above the interface: the sequential route sits behind the pin.
    if (linkMtu !== null && linkMtu < max && method === "parallel" && o.raise !== false && !beside) {
      // A route MTU above the interface's cannot be carried by it: raise the interface, its routes pinned.
      held = true;
      o.onRaise?.(true);
      const ceiling = await raiseCeiling(iface, linkMtu, max, pinSlot(ranges));
      raised = ceiling.raised;
      if (raised === null) {
        // Nothing was raised: the link's changes are someone else's again.
        held = false;
        o.onRaise?.(false);
      }
      max = Math.max(ceiling.max, min);
      note(ceiling.note);
    } else if (linkMtu !== null && linkMtu < max) {
      note(`${iface} MTU is ${linkMtu}: probing up to ${Math.max(linkMtu, min)} instead of ${max}`);
      max = Math.max(linkMtu, min);
    }
    progress({ type: "start", address: target.address, iface, min, max, method });
    const slots = probeSlots(ranges);
    const pools = {
      tables: new Pool(slots.tables),
      priorities: new Pool(slots.priorities),
      // A random start so back-to-back runs do not meet their own TIME_WAIT sockets.
      ports: new Pool(ranges.ports, Math.floor(Math.random() * ranges.ports.count)),
    };
    const onSize = (r: SizeResult): void => progress({ type: "size", result: r });
    if (method === "parallel") {
      const attempts = o.attempts ?? DEFAULTS.attempts;
      const ctx = { target, path, timeoutMs, attempts, pools, signal };
      const onRound = (round: number, sizes: readonly number[]): void => progress({ type: "round", round, sizes });
      const parallelism = o.parallelism ?? DEFAULTS.parallelism;
      const input = { ctx, min, max, hint: o.hint ?? null, parallelism, icmp: o.icmp ?? true, maxRounds: MAX_ROUNDS, onSize, onRound, onNote: note, onWarning: warn };
      const error = await parallelSearch(input, state);
      if (error !== null && beside) return fail("besideAgent", `policy routing unavailable (${error}); the sequential fallback would add a route to the main table, which the running agent owns`, iface);
      if (error !== null) {
        method = "sequential";
        note(`policy routing unavailable (${error}): falling back to sequential probing on one per-destination route`);
        // The sequential route lives in the main table, behind the pin: it cannot probe above the interface.
        if (raised !== null) max = await lowerCeiling(raised, state.results, warn);
        raised = null;
        if (held) o.onRaise?.(false);
        held = false;
      }
      if (state.icmp !== null) progress({ type: "icmp", low: state.icmp.low, high: state.icmp.high });
    }
    if (method === "sequential") {
      const start = bracketOf(state.results.values(), min, max);
      const seq = await sequentialSearch({ target, path, timeoutMs, ports: pools.ports, signal, onSize }, start, state.rounds + 1);
      for (const r of seq.results) state.results.set(r.mtu, r);
      state.rounds += seq.results.length;
      if (seq.error !== undefined) return fail("sequentialFailed", `sequential probing failed: ${seq.error}`, iface);
    }
    if (signal.aborted) return fail("aborted", "aborted", iface);
    // A proxy that turned a probe away says nothing about the path: the probe fails as a whole.
    const refusal = [...state.results.values()].map((r) => proxyRefusalIn(r.reason)).find((r) => r !== undefined);
    if (refusal !== undefined) return fail("proxyRefused", refusal, iface);
    const b = bracketOf(state.results.values(), min, max);
    if (b.pass < min) return fail("noSizeCarried", `no size in ${min}..${max} carried TLS to ${target.address}:${target.port} (black hole below ${min}, or the server does not answer HTTPS)`, iface);
    if (!isExact(b)) note(`not exact after ${state.rounds} rounds: ${b.pass} passed, ${b.fail} failed`);
    return { ok: true, mtu: b.pass, iface, evidence: evidence() };
  } finally {
    const undone = await raised?.undo();
    if (typeof undone === "string") warn(undone);
    const end = await cleanupProbeState(ranges, undefined, { mainTable });
    end.recovered.forEach(warn);
    if (!end.ok) note(`cleanup reported: ${end.error}`);
    if (held) o.onRaise?.(false);
  }
}
