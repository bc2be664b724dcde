import { Subject, filter, map, tap, type Subscription } from "rxjs";
import { dottedState, knownOfPaths, type Effect } from "../../machines/index.js";
import type { AgentConfig } from "../config/index.js";
import { flushAgentRoutes } from "../effects/agentRoutes.js";
import { createOwnedRoutes } from "./ownedRoutes.js";
import { createSafeRouteFollower, safeRoutesInput, type SettledEvent } from "./safeRouteFollower.js";
import { readMtu } from "../effects/linkMtu.js";
import { watchLinkMtus } from "../effects/watchMtu.js";
import { EnvironmentError, errorMessage } from "../errors.js";
import { describeEvent } from "../journal/describeEvent.js";
import { JournalWriter } from "../journal/writer.js";
import type { LogFields, Logger } from "../log/index.js";
import { cleanupProbeState } from "../probe/index.js";
import { agentEvents, createWindowsSource, timerFirings } from "../sources/index.js";
import { isAgentListening } from "../status/client.js";
import { serveStatus } from "../status/server.js";
import { takeAgentLock } from "./agentLock.js";
import { AgentDriver } from "./driver.js";
import { effectiveBaseline, effectiveMinMtu, machineInput } from "./machineInput.js";
import { carriesIpv6 } from "../effects/ipv6.js";
import { LinkHold } from "./linkHold.js";
import { createEffectRunner } from "./effectRunner.js";
import { createClampFollower } from "./clampFollower.js";
import { persistedFrom, samePersisted } from "./persistedFrom.js";
import { resolveTarget } from "../probe/index.js";
import { withProbeTarget } from "./probeTarget.js";
import { configuredProxy } from "./configuredProxy.js";
import { probeRanges } from "./probeRanges.js";
import { StateStore, storedBaseline, type PersistedState } from "./stateStore.js";
import { startIface, withManagedIface } from "./managedIface.js";
import { StatusBoard } from "./statusBoard.js";
import { SystemdNotifier } from "./systemdNotify.js";
import { readNetworkMode } from "../wsl/readNetworkMode.js";
import { renderMetrics } from "../metrics/renderMetrics.js";
import { TextfileWriter } from "../metrics/textfileWriter.js";
import { AGENT_VERSION } from "../version.js";

export interface AgentOptions {
  readonly config: AgentConfig;
  readonly log: Logger;
  readonly dryRun: boolean;
  /** Given: every log line then carries the VPN up (its description), the interface managed and its MTU. */
  readonly logFields?: LogFields;
}

export interface RunningAgent {
  /** Stops cleanly: sources off, probes cancelled, baseline restored (restoreOnStop), journal flushed. */
  stop(reason: string): Promise<void>;
  /** Resolves when the agent has stopped: `failure` is null after `stop`, the reason after a fatal error. */
  readonly stopped: Promise<{ readonly failure: string | null }>;
}

/**
 * Starts the agent: reconciles with the live system (interface MTU, stale probe rules, stored
 * baseline), starts a fresh machine, then wires sources → journal → machine → effects. Holds the
 * state directory's lock (agentLock.ts) from before anything is touched until it has stopped.
 */
export async function startAgent(o: AgentOptions): Promise<RunningAgent> {
  // Before touching anything: a second agent would remove the first one's probe rules and write into its journal.
  const lock = await takeAgentLock(o.config.state.dir, o.dryRun ? "run --dry-run" : "run");
  try {
    const agent = await startLocked(o);
    return { stop: (reason) => agent.stop(reason), stopped: agent.stopped.finally(() => lock.release().catch(() => undefined)) };
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function startLocked({ config, log, dryRun, logFields }: AgentOptions): Promise<RunningAgent> {
  // An agent with another state directory may still answer on this socket.
  if (await isAgentListening(config.status.socket)) throw new EnvironmentError(`another agent is already running (it answers on ${config.status.socket})`);
  const store = new StateStore(config.state.dir, !dryRun);
  const loaded = await store.load();
  for (const line of [...(loaded.problem === null ? [] : [loaded.problem]), ...loaded.ignored]) log.warn({ event: "state_file.problem" }, line);
  const cleanup = dryRun ? { ok: true } : await cleanupProbeState(probeRanges(config));
  if (!cleanup.ok) log.warn({ event: "start.cleanup_failed", error: "error" in cleanup ? cleanup.error : undefined }, "could not remove stale probe rules and tables");
  let driver: AgentDriver | null = null;
  const clamp = createClampFollower({ enabled: config.forward.clampMss, dryRun, log, baselineMtu: () => (driver as AgentDriver).current().context.baselineMtu });
  // A crash leaves the clamp behind: the machine starts from the live MTU and sets it again if it applies.
  if (!dryRun) await clamp.remove("start");
  // Routes carrying an MTU (apply.scope routes) left by a killed agent: the fresh machine holds none.
  const routes = dryRun ? { ok: true } : await flushAgentRoutes();
  if (!routes.ok) log.warn({ event: "start.cleanup_failed", error: "error" in routes ? routes.error : undefined }, "could not remove the routes an earlier run left");
  for (const line of "recovered" in cleanup ? cleanup.recovered : []) log.warn({ event: "start.recovered" }, line);
  // Through a proxy, the address that must lie inside a split tunnel (and the route the MTU matters on) is the proxy's.
  const resolve = async (url: string): Promise<string> => {
    const proxy = configuredProxy(config, url, process.env);
    if ("error" in proxy) throw new Error(proxy.error);
    return (await resolveTarget(url, proxy.proxy)).address;
  };
  const chosen = await startIface(config.interface, config.verify.url, resolve);
  if ("problem" in chosen) throw new EnvironmentError(chosen.problem);
  const iface = chosen.name;
  const currentMtu = chosen.mtu;
  const fixed = config.baselineMtu !== "auto";
  // An old single-baseline state.json is the baseline of the interface the old agent managed.
  const stored = storedBaseline(loaded.state, iface, config.interface === "auto" ? "eth0" : config.interface);
  const baselineMtu = typeof config.baselineMtu === "number" ? config.baselineMtu : (stored ?? currentMtu);
  if (!fixed && stored === null) await store.update((s) => ({ ...s, baselineMtu, baselines: { ...legacyBaselines(s, config.interface), [iface]: baselineMtu } }));

  const journal = await JournalWriter.open(config.journal.path, "journal.path", { segmentBytes: config.journal.segmentBytes, keepBytes: config.journal.keepBytes });
  if (journal.report.truncatedBytes > 0) log.warn({ event: "journal.torn_line_cut", bytes: journal.report.truncatedBytes }, `journal: cut a torn last line left by a crash (${journal.report.truncatedBytes} bytes)`);

  const windows = await createWindowsSource({
    ...(config.windows.watchCommand === null ? {} : { watchCommand: [...config.windows.watchCommand] }),
    ...(config.windows.vpnPatterns === null ? {} : { vpnPatterns: config.windows.vpnPatterns }),
    powershellPath: config.windows.powershell,
    quietMs: config.settle.quietMs,
    maxWaitMs: config.settle.maxWaitMs,
    onWarning: (w) => log.warn({ event: "watcher.warning", ...w.details }, `watcher: ${w.message}`),
  });
  const timerEffects = new Subject<Effect>();
  const board = new StatusBoard({ interface: iface, journal: config.journal.path, dryRun, version: AGENT_VERSION }, () => (driver as AgentDriver).current(), () => windows.health.value);
  // wslinfo may take seconds to answer: the info metric says "unknown" until it has.
  void readNetworkMode().then((mode) => board.setNetworkingMode(mode), () => undefined);
  let metrics: TextfileWriter | null = null;
  // The interface raised by a probe is the probe's business: the machine never sees it.
  const hold = new LinkHold();
  const owned = createOwnedRoutes();
  const safe = createSafeRouteFollower({ routes: owned, log, dryRun });
  board.safeRoutes = () => safe.state();
  board.others = () => d.paths().others;
  const effects = createEffectRunner({ config, log, board, timers: timerEffects, dryRun, clamp, onRaise: hold.set, routes: owned });
  driver = new AgentDriver(journal, effects.run);
  const d = driver;
  // Before the machine starts (no snapshot yet) only the interface is known.
  logFields?.set(() => {
    const c = d.snapshotOrNull()?.context;
    return c === undefined ? { iface } : { vpn: c.vpn?.description, iface: c.iface ?? iface, mtu: c.currentMtu };
  });
  const notifier = new SystemdNotifier();
  let announced = false;
  let settled: SettledEvent | null = null;
  d.onTransition((t) => {
    // The tunnels without a probe target follow the settled network and the interface's MTU.
    if (t.record.event.type === "network.settled") settled = t.record.event;
    safe.follow(safeRoutesInput(settled, t.snapshot.context.currentMtu));
    // state.json is derived from the snapshot each step adopted: one copy of the truth, the machine's.
    const persisted = persistedFrom({ ...t.snapshot.context, known: knownOfPaths(t.paths) }, store.current);
    if (!samePersisted(persisted, store.current)) {
      store.update(() => persisted).catch((error: unknown) => log.error({ event: "state_file.write_failed", err: error }, `could not write ${store.path}: ${errorMessage(error)}`));
    }
    // systemd calls the service started once the agent has acted on Windows' first snapshot.
    if (!announced && t.record.event.type === "network.settled") {
      announced = true;
      void notifier.ready(`watching ${t.snapshot.context.iface ?? iface}`);
    }
    board.note({ seq: t.record.seq, at: t.record.at, event: t.record.event.type, state: t.to });
    if (t.record.event.type === "network.settled") board.network = { tunnels: t.record.event.tunnels ?? [], target: t.record.event.probeTarget ?? null };
    board.noteStep(t);
    metrics?.changed();
    const detail = describeEvent(t.record.event);
    if (t.from !== t.to) log.info({ event: "state.changed", from: t.from, to: t.to, input: t.record.event.type, seq: t.record.seq }, `${t.from || "start"} → ${t.to}: ${detail}`);
    else log.debug({ event: "state.same", state: t.to, input: t.record.event.type, seq: t.record.seq }, `${t.to}: ${detail}`);
  });

  const ipv6 = await carriesIpv6(iface);
  const floor = effectiveMinMtu(config, { ipv6, iface });
  if (floor.raised !== null) log.warn({ event: "config.min_mtu_raised", minMtu: floor.minMtu }, floor.raised);
  const baseline = effectiveBaseline(config, { baselineMtu, ipv6, iface });
  if (baseline.raised !== null) log.warn({ event: "config.baseline_raised", baseline: baseline.baselineMtu }, baseline.raised);
  const input = machineInput(config, { baselineMtu, baselineFixed: fixed, currentMtu, known: loaded.state.known, dryRun, ipv6, iface });
  await d.start(input);
  const how = config.interface === "auto" ? ' (interface "auto": the one routing to the target)' : "";
  log.info({ event: "agent.started", interface: iface, iface, mtu: currentMtu, baseline: input.baselineMtu, dryRun, journal: config.journal.path }, `agent started: ${iface}${how} mtu ${currentMtu}, baseline ${input.baselineMtu}${dryRun ? " (dry-run: nothing will be changed)" : ""}`);

  const status = await serveStatus(config.status.socket, () => board.status());
  const textfile = config.metrics.textfile;
  // After the start: the file is rendered from the machine's snapshot. Bad lines count without a step.
  metrics = textfile === null ? null : new TextfileWriter({ path: textfile, intervalMs: config.metrics.intervalMs, render: () => renderMetrics(board.status()), log });
  const healthWatch = windows.health.subscribe(() => metrics?.changed());
  let finish: (failure: string | null) => void = () => undefined;
  const stopped = new Promise<{ failure: string | null }>((resolve) => (finish = (failure) => resolve({ failure })));
  const send = (e: Parameters<AgentDriver["send"]>[0]): void => {
    d.send(e).catch((error: unknown) => void fail(`journal write failed: ${errorMessage(error)}`));
  };
  const targeted = withProbeTarget(windows.networks$, { profiles: config.profiles, verifyUrl: config.verify.url, log, resolve });
  const network$ = config.interface === "auto" ? withManagedIface(targeted, { profiles: config.profiles, verifyUrl: config.verify.url, resolve, log }) : targeted;
  // Every link is watched; the machine hears of the one it manages, and of the one the last network
  // settled on (its switch may still be queued).
  let lastRouted: string | null = null;
  const relevant = (name: string): boolean => name === (d.current().context.iface ?? iface) || name === lastRouted;
  const routed$ = network$.pipe(tap((e) => (lastRouted = e.iface?.name ?? lastRouted)));
  const links$ = watchLinkMtus(iface).pipe(filter((l) => !hold.held && relevant(l.name)), map((l) => ({ mtu: l.mtu, iface: l.name })));
  const subscription: Subscription = agentEvents({ network$: routed$, linkMtu$: links$, timers$: timerFirings(timerEffects) }).subscribe({
    next: send,
    error: (error: unknown) => void fail(`event source failed: ${errorMessage(error)}`),
  });

  let stopping: Promise<void> | null = null;
  /** Tears down in order; `failure` set means the machine is not told to stop (no restore). */
  function shutdown(reason: string, failure: string | null): Promise<void> {
    stopping ??= (async () => {
      if (failure === null) log.info({ event: "agent.stopping", reason }, `stopping: ${reason}`);
      else log.error({ event: "agent.failed", reason }, `stopping after a failure: ${reason}; ${d.current().context.iface ?? iface} keeps mtu ${d.current().context.currentMtu} until the next start sets it right`);
      await notifier.stopping();
      subscription.unsubscribe();
      if (failure === null) await d.send({ type: "agent.stop" }).catch(() => undefined);
      else d.close();
      await d.idle().catch(() => undefined);
      // The machine has stopped (or been closed): probes and checks in flight no longer matter.
      effects.cancelAll();
      await effects.settled();
      // After a failure they stay, like the MTU: removing them would let a tunnel's traffic exceed its MTU until the restart.
      if (failure === null) await safe.stop();
      if (!dryRun) await cleanupProbeState(probeRanges(config));
      // Also after a failure: the next start sets it again if an MTU is applied.
      if (!dryRun) await clamp.remove("stop");
      // The last file says Stopped: node_exporter keeps serving it, and its age says since when.
      healthWatch.unsubscribe();
      await metrics?.close();
      // Each step runs even if one before it failed: a half-closed agent must still let go of everything.
      for (const [what, step] of [["state", () => store.flush()], ["journal", () => journal.close()], ["status socket", () => status.close()]] as const) {
        await step().catch((error: unknown) => log.error({ event: "agent.close_failed", err: error }, `stopping: could not close the ${what}: ${errorMessage(error)}`));
      }
      // The link, not the machine: the restore's result arrives after the machine has stopped.
      const managed = d.current().context.iface ?? iface;
      const mtu = await readMtu(managed).catch(() => d.current().context.currentMtu);
      log.info({ event: "agent.stopped", state: dottedState(d.current().value), interface: managed, iface: managed, mtu }, "agent stopped");
      finish(failure);
    })();
    return stopping;
  }
  const stop = (reason: string): Promise<void> => shutdown(reason, null);
  // A broken source or journal cannot be fixed from inside: end with a failure so systemd restarts
  // the agent, which reconciles from the live system. The MTU is left as is: restoring the baseline
  // while a VPN is up would break the network until the restart.
  const fail = (reason: string): Promise<void> => shutdown(reason, reason);
  return { stop, stopped };
}

/** The baselines a state.json holds, the single one of an older version under the interface it belonged to. Pure. */
function legacyBaselines(s: PersistedState, configured: string): Readonly<Record<string, number>> {
  if (s.baselines !== undefined) return s.baselines;
  return s.baselineMtu === null ? {} : { [configured === "auto" ? "eth0" : configured]: s.baselineMtu };
}
