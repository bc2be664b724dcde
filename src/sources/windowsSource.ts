import { finalize, type Observable, type SchedulerLike } from "rxjs";
import { createClassifier } from "../windows/classify.js";
import { createHealthStore, patchHealth, type HealthStore } from "./health.js";
import { restartWithBackoff, type RestartOptions } from "./restart.js";
import type { WindowsView } from "../windows/view.js";
import { settledNetwork, type SourceWarning } from "./settledNetwork.js";
import { watcherArgv, type WatcherCommandOptions } from "./watcherCommand.js";
import { watcherLines } from "./watcherProcess.js";
import { loadWatcherScript } from "./watcherScript.js";
import { errorMessage } from "../errors.js";

export interface WindowsSourceOptions extends WatcherCommandOptions {
  /** `windows.vpnPatterns`; null or absent: every vendor in `defaultVpnPatterns`. */
  readonly vpnPatterns?: readonly unknown[] | null;
  /** `settle.quietMs`, default 750 (the config default). */
  readonly quietMs?: number;
  /** `settle.maxWaitMs`, default 5000 (the config default). */
  readonly maxWaitMs?: number;
  readonly restart?: Partial<Pick<RestartOptions, "baseMs" | "maxMs" | "healthyMs">>;
  readonly exitGraceMs?: number;
  readonly onWarning?: (warning: SourceWarning) => void;
  readonly scheduler?: SchedulerLike;
}

export interface WindowsSource {
  /** Settled, deduplicated views of the Windows network. Subscribing starts the watcher; it never completes. */
  readonly networks$: Observable<WindowsView>;
  /** Watcher counters for the status endpoint. */
  readonly health: HealthStore;
}

/**
 * Builds the Windows source: validates the options (ConfigError for a bad pattern or watch
 * command), loads watcher.ps1 unless `watchCommand` is set, and wires process → restart → lines →
 * settled views. Nothing runs until `networks$` is subscribed.
 */
export async function createWindowsSource(opts: WindowsSourceOptions = {}): Promise<WindowsSource> {
  const classifier = createClassifier(opts.vpnPatterns ?? undefined);
  const script = opts.watchCommand ? "" : await loadWatcherScript();
  const argv = watcherArgv(script, opts);
  const health = createHealthStore();
  const lines$ = watcherLines(argv, { exitGraceMs: opts.exitGraceMs ?? 2000 }).pipe(
    restartWithBackoff({
      baseMs: opts.restart?.baseMs ?? 1000,
      maxMs: opts.restart?.maxMs ?? 60_000,
      healthyMs: opts.restart?.healthyMs ?? 60_000,
      ...(opts.scheduler ? { scheduler: opts.scheduler } : {}),
      onStart: (attempt) => patchHealth(health, () => ({ running: true, restarts: attempt, nextRestartMs: null })),
      onStop: (reason, delayMs) => {
        const message = errorMessage(reason);
        patchHealth(health, () => ({ running: false, lastError: message, nextRestartMs: delayMs }));
        opts.onWarning?.({ message: `${message}; restarting in ${delayMs} ms`, details: { delayMs } });
      },
    }),
    // Unsubscribed: the watcher was told to stop, nothing is pending.
    finalize(() => patchHealth(health, () => ({ running: false, nextRestartMs: null }))),
  );
  const networks$ = settledNetwork(lines$, {
    classifier,
    quietMs: opts.quietMs ?? 750,
    maxWaitMs: opts.maxWaitMs ?? 5000,
    health,
    ...(opts.onWarning ? { onWarning: opts.onWarning } : {}),
    ...(opts.scheduler ? { scheduler: opts.scheduler } : {}),
  });
  return { networks$, health };
}
