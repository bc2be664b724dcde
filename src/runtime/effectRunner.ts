import type { Subject } from "rxjs";
import type { AgentEvent, Effect, EffectParams } from "../../machines/index.js";
import type { AgentConfig } from "../config/index.js";
import { setMtu } from "../effects/linkMtu.js";
import { verifyHttps } from "../effects/verifyHttps.js";
import type { Logger } from "../log/index.js";
import { runProbe, type OwnedRanges, type ProbeProgress } from "../probe/index.js";
import { probeRanges } from "./probeRanges.js";
import type { EffectRunner } from "./driver.js";
import type { StatusBoard } from "./statusBoard.js";
import type { ClampFollower } from "./clampFollower.js";
import { appliedLayer, createOwnedRoutes, type OwnedRoutes } from "./ownedRoutes.js";
import { errorMessage } from "../errors.js";
import type { ProxyChoice } from "../proxy/chooseProxy.js";
import { proxyLabel } from "../proxy/proxyUrl.js";
import { configuredProxy } from "./configuredProxy.js";

export interface EffectDeps {
  readonly config: AgentConfig;
  readonly log: Logger;
  readonly board: StatusBoard;
  /** Timer effects go here; `timerFirings` turns them into events. */
  readonly timers: Subject<Effect>;
  readonly dryRun: boolean;
  /** Tables, priorities and ports the probe owns (default: from the config). `probe --apply` passes its own. */
  readonly ranges?: OwnedRanges;
  /** False: never raise the interface to probe above its MTU (`probe --apply --no-raise`). */
  readonly raise?: boolean;
  /** Told when a probe may raise the interface and when it is back (the agent's LinkHold). */
  readonly onRaise?: (raising: boolean) => void;
  /** Sees the probe's progress (the CLI's live display); warnings are logged either way. */
  readonly onProbeProgress?: (p: ProbeProgress) => void;
  /** Follows every successful apply with the MSS clamp for forwarded traffic; absent (`probe --apply`): no clamp. */
  readonly clamp?: ClampFollower;
  /** Where https_proxy / no_proxy are read (default: this process's environment). */
  readonly env?: NodeJS.ProcessEnv;
  /** The agent's main-table routes, shared with the tunnel-safe follower (default: a table of its own). */
  readonly routes?: OwnedRoutes;
}

export interface EffectRunnerHandle {
  readonly run: EffectRunner;
  /** Resolves when no effect is in flight. */
  settled(): Promise<void>;
  /** Aborts every probe and verification in flight (the agent is stopping; applies run to the end). */
  cancelAll(): void;
}

/**
 * Runs the machine's effects for real (or, in dry-run, logs what it would change and answers as
 * if it had). Every outcome, failure included, comes back as an event; nothing throws.
 */
export function createEffectRunner(deps: EffectDeps): EffectRunnerHandle {
  const probes = new Map<string, AbortController>();
  let probeQueue: Promise<unknown> = Promise.resolve();
  const stopping = new AbortController();
  const inFlight = new Set<Promise<unknown>>();
  /** The last `ip link set` per interface: each waits for the one before, so they land in the order asked. */
  const links = new Map<string, Promise<unknown>>();
  const { config, log, dryRun } = deps;
  const owned = deps.routes ?? createOwnedRoutes();
  // Applies of routes list the table, then change it: one at a time, so a late one cannot interleave with a restore.
  let routesQueue: Promise<unknown> = Promise.resolve();
  /** Keeps `p` until it settles; a bug that throws becomes `onError`'s failure event, never an unhandled rejection. */
  const track = (what: string, p: Promise<unknown>, onError?: (reason: string) => void): void => {
    const safe = p.catch((error: unknown) => {
      const reason = `internal error in ${what}: ${errorMessage(error)}`;
      log.error({ event: "effect.internal_error", err: error }, reason);
      onError?.(reason);
    });
    inFlight.add(safe);
    void safe.finally(() => inFlight.delete(safe));
  };

  const run: EffectRunner = (effect, emitAny) => {
    // A result goes back to the VPN path its effect came from (machines/paths.ts).
    const path = effect.params.path;
    const emit = path === undefined ? emitAny : (e: AgentEvent): void => emitAny({ ...e, path } as AgentEvent);
    switch (effect.type) {
      case "startProbe": {
        const { workId } = effect.params;
        const key = probeKey(path, workId);
        const controller = new AbortController();
        probes.set(key, controller);
        const signal = AbortSignal.any([controller.signal, stopping.signal]);
        // One probe at a time: two would share the probe's tables, rules and ports. A cancelled one never starts.
        const next = probeQueue.then(() => (signal.aborted ? undefined : probe(effect.params, signal, emit)));
        probeQueue = next.catch(() => undefined);
        track("probe", next.finally(() => probes.delete(key)), (reason) => emit({ type: "probe.failed", workId, reason }));
        return;
      }
      case "cancelProbe":
        probes.get(probeKey(path, effect.params.workId))?.abort();
        return;
      case "applyMtu": {
        const p = effect.params;
        const failed = (reason: string): void => emit({ type: "apply.failed", workId: p.workId, mtu: p.mtu, reason, ...(p.routes === undefined ? {} : { routes: p.routes }), ...aboutIface(p) });
        if (p.routes === undefined) track("apply", apply(p, emit), failed);
        else {
          const routes = p.routes;
          const run = routesQueue.then(() => applyRoutes({ ...p, routes }, emit));
          routesQueue = run.catch(() => undefined);
          track("apply", run, failed);
        }
        return;
      }
      case "verify":
        track("verify", verify(effect.params, emit), (reason) => emit({ type: "verify.failed", workId: effect.params.workId, reason }));
        return;
      case "scheduleTimer":
      case "cancelTimer":
        deps.timers.next(effect);
        return;
    }
  };

  /** The proxy for `url`, decided afresh for each probe and verification (the same way for both). */
  const proxyChoice = (url: string): ProxyChoice => {
    const choice = configuredProxy(config, url, deps.env ?? process.env);
    if ("note" in choice && choice.note !== undefined) log.debug({ event: "proxy.chosen", proxy: { note: choice.note } }, choice.note);
    return choice;
  };

  async function probe(p: EffectParams["startProbe"], signal: AbortSignal, emit: (e: AgentEvent) => void): Promise<void> {
    const url = p.url ?? config.verify.url;
    const proxy = proxyChoice(url);
    if ("error" in proxy) {
      log.warn({ event: "probe.failed", probe: { reason: proxy.error } }, `probe failed: ${proxy.error}`);
      emit({ type: "probe.failed", workId: p.workId, reason: proxy.error });
      return;
    }
    const outcome = await runProbe({
      url,
      proxy: proxy.proxy,
      // "auto": through the interface the kernel routes the target through now, as the machine's was chosen.
      ...(config.interface === "auto" ? {} : { iface: config.interface }),
      min: p.minMtu,
      max: p.maxMtu,
      hint: p.hint,
      timeoutMs: config.probe.timeoutMs,
      parallelism: config.probe.parallel,
      ranges: deps.ranges ?? probeRanges(config),
      signal,
      // A dry run changes nothing, not even for the length of a probe.
      raise: !dryRun && deps.raise !== false,
      ...(deps.onRaise === undefined ? {} : { onRaise: deps.onRaise }),
      onProgress: (e) => {
        if (e.type === "warning") log.warn({ event: "probe.warning", probe: { warning: e.text } }, `probe: ${e.text}`);
        deps.onProbeProgress?.(e);
      },
    });
    if (signal.aborted) return; // superseded: the machine no longer waits for it
    const e = outcome.evidence;
    const tried = e.sizes.length;
    deps.board.lastProbe = { at: new Date().toISOString(), ...outcome };
    const via = proxy.proxy === null ? "" : ` through proxy ${proxyLabel(proxy.proxy)}`;
    if (outcome.ok) {
      log.info({ event: "probe.found", mtu: outcome.mtu, probe: { mtu: outcome.mtu, rounds: e.rounds, sizes: tried, ms: e.durationMs, method: e.method } }, `probe: largest MTU carrying TLS is ${outcome.mtu} (${e.rounds} rounds, ${tried} sizes, ${e.durationMs} ms, ${e.method})${via}`);
      emit({ type: "probe.done", workId: p.workId, mtu: outcome.mtu, evidence: e });
    } else {
      log.warn({ event: "probe.failed", probe: { reason: outcome.reason, rounds: e.rounds, ms: e.durationMs } }, `probe failed: ${outcome.reason}`);
      emit({ type: "probe.failed", workId: p.workId, reason: outcome.reason, evidence: e });
    }
  }

  async function apply(p: EffectParams["applyMtu"], emit: (e: AgentEvent) => void): Promise<void> {
    const iface = p.iface ?? config.interface;
    const about = aboutIface(p);
    if (dryRun) {
      log.info({ event: "apply.dry_run", mtu: p.mtu, reason: p.reason, interface: iface, iface }, `dry-run: would set ${iface} mtu ${p.mtu} (${p.reason})`);
      await deps.clamp?.afterApply({ iface, mtu: p.mtu, reason: p.reason });
      emit({ type: "apply.done", workId: p.workId, mtu: p.mtu, ...about });
      return;
    }
    const set = (links.get(iface) ?? Promise.resolve()).then(() => setMtu(iface, p.mtu));
    links.set(iface, set.catch(() => undefined));
    const r = await set;
    if (r.ok) {
      log.info({ event: "apply.done", mtu: p.mtu, reason: p.reason, interface: iface, iface, ms: r.durationMs }, `${p.reason}: ${iface} mtu ${p.mtu}`);
      // Before the machine hears of it: once it says Applied, forwarded connections fit too.
      await deps.clamp?.afterApply({ iface, mtu: p.mtu, reason: p.reason });
      emit({ type: "apply.done", workId: p.workId, mtu: p.mtu, ...about });
      return;
    }
    const reason = `${r.command.join(" ")} failed (exit ${r.exitCode ?? "none"}${r.timedOut ? ", timed out" : ""}): ${r.stderr.trim() || "no message"}`;
    // A mirrored VPN interface goes away with the VPN: there is nothing left to restore.
    if (p.reason === "restore" && isGone(r.stderr)) log.info({ event: "restore.iface_gone", mtu: p.mtu, interface: iface, iface }, `restore: ${iface} is gone (it went with the VPN): nothing to restore`);
    else log.error({ event: "apply.failed", mtu: p.mtu, interface: iface, iface, cmd: r.command, stderr: r.stderr }, reason);
    emit({ type: "apply.failed", workId: p.workId, mtu: p.mtu, reason, ...about });
  }

  /** The agent's routes become `p.routes` at `p.mtu` (none for `[]`). */
  async function applyRoutes(p: EffectParams["applyMtu"] & { routes: readonly string[] }, emit: (e: AgentEvent) => void): Promise<void> {
    const what = p.routes.length === 0 ? "remove the agent's routes" : `routes ${p.routes.join(", ")} mtu ${p.mtu}`;
    const r = dryRun ? ({ ok: true, ms: 0, notOwned: [] } as const) : await owned.set(appliedLayer(p.path), new Map(p.routes.map((prefix) => [prefix, p.mtu])));
    if (r.ok) {
      log.info({ event: "apply.done", mtu: p.mtu, routes: p.routes, reason: p.reason, ms: r.ms }, `${dryRun ? "dry-run: would " : ""}${p.reason}: ${what}`);
      if (r.notOwned.length > 0) log.warn({ event: "apply.not_owned", notOwned: r.notOwned }, `${p.reason}: left ${r.notOwned.join(", ")} alone: the main table already has a route of someone else's for ${r.notOwned.length === 1 ? "it" : "them"} (its traffic keeps the interface MTU)`);
      await deps.clamp?.afterApply({ iface: p.iface ?? config.interface, mtu: p.mtu, reason: p.reason, prefixes: p.routes });
      emit({ type: "apply.done", workId: p.workId, mtu: p.mtu, routes: p.routes, ...(r.notOwned.length === 0 ? {} : { notOwned: r.notOwned }), ...aboutIface(p) });
    } else {
      log.error({ event: "apply.failed", mtu: p.mtu, routes: p.routes }, `${p.reason}: ${what} failed: ${r.reason}`);
      emit({ type: "apply.failed", workId: p.workId, mtu: p.mtu, reason: r.reason, routes: p.routes, ...aboutIface(p) });
    }
  }

  async function verify(p: EffectParams["verify"], emit: (e: AgentEvent) => void): Promise<void> {
    const url = p.url ?? config.verify.url;
    if (dryRun) {
      log.info({ event: "verify.dry_run", mtu: p.mtu }, `dry-run: would verify mtu ${p.mtu} with ${url}`);
      emit({ type: "verify.passed", workId: p.workId });
      return;
    }
    const proxy = proxyChoice(url);
    if ("error" in proxy) {
      emit({ type: "verify.failed", workId: p.workId, reason: proxy.error });
      return;
    }
    const r = await verifyHttps({
      url,
      proxy: proxy.proxy,
      timeoutMs: config.verify.timeoutMs,
      ...(config.verify.caFile === null ? {} : { caFile: config.verify.caFile }),
      insecure: config.verify.insecure,
      signal: stopping.signal,
    });
    if (r.ok) emit({ type: "verify.passed", workId: p.workId });
    else emit({ type: "verify.failed", workId: p.workId, reason: r.reason });
  }

  const settled = async (): Promise<void> => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  return { run, settled, cancelAll: () => stopping.abort() };
}

/** Probes are told apart by their path and work id (each path numbers its own work). Pure. */
function probeKey(path: string | undefined, workId: number): string {
  return `${path ?? ""}\u0000${workId}`;
}

/** Results say which interface they are about, so one for an interface left behind changes nothing. Pure. */
function aboutIface(p: EffectParams["applyMtu"]): { iface?: string } {
  return p.iface === null ? {} : { iface: p.iface };
}

/** True when `ip link set` failed because the device does not exist. Pure. */
export function isGone(stderr: string): boolean {
  return /Cannot find device|does not exist/i.test(stderr);
}
