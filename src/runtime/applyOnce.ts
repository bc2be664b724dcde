import { Subject } from "rxjs";
import { AGENT_VERSION } from "../version.js";
import type { AgentEvent, Effect, ProbeEvidence } from "../../machines/index.js";
import { defaultConfig, type AgentConfig } from "../config/index.js";
import { readMtu } from "../effects/linkMtu.js";
import { errorMessage } from "../errors.js";
import { chooseProxy } from "../proxy/chooseProxy.js";
import { JOURNAL_VERSION, startsReplay, type JournalRecord } from "../journal/record.js";
import { createLogger } from "../log/index.js";
import { DEFAULT_RANGES, DEFAULTS, pathTo, resolveTarget, type ProbeFailure, type ProbeOutcome, type ProbeProgress } from "../probe/index.js";
import { initialWatcherHealth } from "../sources/index.js";
import { AgentDriver, type RecordSink } from "./driver.js";
import { createEffectRunner } from "./effectRunner.js";
import { effectiveMinMtu, machineInput } from "./machineInput.js";
import { carriesIpv6 } from "../effects/ipv6.js";
import { StatusBoard } from "./statusBoard.js";

export interface ApplyOnceOptions {
  readonly url: string;
  /** Interface to probe through and apply to; default: the one routing to the URL's host. */
  readonly iface?: string;
  readonly min: number;
  readonly max: number;
  readonly timeoutMs: number;
  readonly hint: number | null;
  readonly caFile?: string;
  readonly insecure?: boolean;
  /** "http://host:port" (`--proxy`); absent: https_proxy / no_proxy from the environment, as the agent does. */
  readonly proxy?: string;
  readonly signal: AbortSignal;
  /** False: never raise the interface to probe above its MTU. */
  readonly raise?: boolean;
  readonly onProgress?: (p: ProbeProgress) => void;
}

/** What happened to the MTU the probe found: the machine's apply, verification and rollback, as events said. */
export type ApplyReport =
  | { readonly ok: true; readonly iface: string; readonly previous: number; readonly mtu: number }
  | { readonly ok: false; readonly stage: "apply"; readonly iface: string; readonly previous: number; readonly mtu: number; readonly reason: string }
  | {
      readonly ok: false;
      readonly stage: "verify";
      readonly iface: string;
      readonly previous: number;
      readonly mtu: number;
      readonly reason: string;
      /** True when the MTU in force before the apply was restored. */
      readonly rolledBack: boolean;
      readonly rollbackError?: string;
    };

export interface ApplyOnceResult {
  readonly probe: ProbeOutcome;
  /** Absent when the probe found nothing (nothing was applied) or the run was interrupted. */
  readonly apply: ApplyReport | undefined;
}

const noEvidence: ProbeEvidence = { method: "parallel", rounds: 0, durationMs: 0, sizes: [] };

/**
 * `probe --apply`: the agent's own machine, driver and effect runner, fed one scripted
 * `network.settled` (a VPN named after the URL, with `hint`), so probing, applying, verifying and
 * rolling back are exactly what the agent does. Ends once the machine rests (Applied or Degraded)
 * with nothing in flight; it then stops without restoring, keeping what was verified. Records stay
 * in memory: a manual probe writes no journal.
 */
export async function applyOnce(o: ApplyOnceOptions): Promise<ApplyOnceResult> {
  const iface = o.iface ?? (await routeInterface(o.url, o.proxy ?? null));
  if (typeof iface !== "string") return { probe: { ok: false, ...iface, evidence: noEvidence }, apply: undefined };
  const config = configFor(o, iface);
  const previous = await readMtu(iface).catch((error: unknown) => errorMessage(error));
  if (typeof previous !== "number") return { probe: { ok: false, kind: "linkUnreadable", reason: `cannot read the MTU of ${iface}: ${previous}`, iface, evidence: noEvidence }, apply: undefined };

  const events: AgentEvent[] = [];
  const timers = new Subject<Effect>(); // no timer fires: the run ends where the agent would wait
  let driver: AgentDriver | null = null;
  const board = new StatusBoard({ interface: iface, journal: "", dryRun: false, version: AGENT_VERSION }, () => (driver as AgentDriver).current(), () => initialWatcherHealth);
  const log = createLogger({ level: "silent" });
  const effects = createEffectRunner({ config, log, board, timers, dryRun: false, raise: o.raise !== false, ranges: DEFAULT_RANGES, ...(o.onProgress === undefined ? {} : { onProbeProgress: o.onProgress }) });
  const d = new AgentDriver(memorySink(), effects.run);
  driver = d;
  const resting = new Promise<void>((resolve) => {
    d.onTransition((t) => {
      const e = t.record.event;
      if (!startsReplay(e)) events.push(e);
      if (/^(Applied|Degraded|Direct)/.test(t.to)) resolve();
    });
    o.signal.addEventListener("abort", () => resolve(), { once: true });
  });
  // The MTU in force is the baseline; nothing known; no profile (the default config has none).
  const ipv6 = await carriesIpv6(iface);
  const floor = effectiveMinMtu(config, { ipv6 });
  if (floor.raised !== null) o.onProgress?.({ type: "note", text: floor.raised });
  await d.start(machineInput(config, { baselineMtu: previous, baselineFixed: true, currentMtu: previous, known: {}, dryRun: false, ipv6 }));
  await d.send({ type: "network.settled", vpn: { name: "probe --apply", description: o.url, mtuHint: o.hint } });
  await resting;
  // A rollback may still be in flight: its answer belongs to the report.
  if (o.signal.aborted) effects.cancelAll();
  await effects.settled();
  await d.idle();
  await d.send({ type: "agent.stop" });
  await effects.settled();
  return report(events, iface, previous, board.lastProbe ?? { ok: false, kind: "aborted", reason: "aborted", iface, evidence: noEvidence });
}

/** The interface routing to the URL's host (or its proxy), or why there is none (the probe's own words). */
async function routeInterface(url: string, proxy: string | null): Promise<string | Pick<ProbeFailure, "kind" | "reason">> {
  const choice = chooseProxy(url, proxy === null ? null : { raw: proxy, source: "--proxy" }, process.env);
  if ("error" in choice) return { kind: "badProxy", reason: choice.error };
  try {
    const target = await resolveTarget(url, choice.proxy);
    const path = await pathTo(target.address);
    return "error" in path ? { kind: "noRoute", reason: `no route to ${target.address}: ${path.error}` } : path.dev;
  } catch (error) {
    return { kind: "unresolved", reason: `cannot resolve ${url}: ${errorMessage(error)}` };
  }
}

function configFor(o: ApplyOnceOptions, iface: string): AgentConfig {
  const d = defaultConfig();
  return {
    ...d,
    interface: iface,
    probe: { ...d.probe, minMtu: o.min, maxMtu: o.max, timeoutMs: o.timeoutMs, parallel: DEFAULTS.parallelism },
    verify: { url: o.url, caFile: o.caFile ?? null, insecure: o.insecure === true, proxy: o.proxy ?? null, timeoutMs: Math.max(o.timeoutMs, 5000) },
    restoreOnStop: false,
  };
}

function memorySink(): RecordSink {
  let seq = 0;
  return { append: (event, state, at) => Promise.resolve<JournalRecord>({ v: JOURNAL_VERSION, seq: seq++, at: at.toISOString(), event, state }) };
}

/** Reads the apply, its verification and any rollback off the events the machine received, in order. Pure. */
export function report(events: readonly AgentEvent[], iface: string, previous: number, probe: ProbeOutcome): ApplyOnceResult {
  if (!probe.ok) return { probe, apply: undefined };
  const after = (i: number, types: readonly AgentEvent["type"][]): number => events.findIndex((e, j) => j > i && types.includes(e.type));
  const found = events.findIndex((e) => e.type === "probe.done");
  const applied = after(found, ["apply.done", "apply.failed"]);
  const base = { iface, previous, mtu: probe.mtu };
  const a = events[applied];
  if (a === undefined) return { probe, apply: undefined };
  if (a.type === "apply.failed") return { probe, apply: { ok: false, stage: "apply", ...base, reason: a.reason } };
  const verified = events[after(applied, ["verify.passed", "verify.failed"])];
  if (verified === undefined) return { probe, apply: undefined };
  if (verified.type === "verify.passed") return { probe, apply: { ok: true, ...base } };
  const reason = verified.type === "verify.failed" ? verified.reason : "";
  const back = events[after(events.indexOf(verified), ["apply.done", "apply.failed"])];
  const rollback = back?.type === "apply.failed" ? { rolledBack: false, rollbackError: back.reason } : { rolledBack: back?.type === "apply.done" };
  return { probe, apply: { ok: false, stage: "verify", ...base, reason, ...rollback } };
}
