import { BehaviorSubject } from "rxjs";

/** What the status endpoint shows about the Windows watcher. */
export interface WatcherHealth {
  /** True while a watcher process is running (between start and exit). */
  readonly running: boolean;
  /** Watcher starts after the first one. */
  readonly restarts: number;
  readonly snapshots: number;
  readonly badLines: number;
  /** The last bad line: why it was rejected and its first characters (JSON-escaped). */
  readonly lastBadLine: { readonly problem: string; readonly sample: string } | null;
  /** Why the watcher last stopped or could not start, e.g. "Exec format error" when interop is broken. */
  readonly lastError: string | null;
  /** Delay before the pending restart, null when none is pending. */
  readonly nextRestartMs: number | null;
}

export const initialWatcherHealth: WatcherHealth = {
  running: false,
  restarts: 0,
  snapshots: 0,
  badLines: 0,
  lastBadLine: null,
  lastError: null,
  nextRestartMs: null,
};

/** A health store: read with `.value`, watch with `.subscribe`, change with `patchHealth`. */
export type HealthStore = BehaviorSubject<WatcherHealth>;

/** A fresh health store for one watcher. */
export function createHealthStore(): HealthStore {
  return new BehaviorSubject(initialWatcherHealth);
}

/** Applies a change computed from the current value (never mutates it). */
export function patchHealth(store: HealthStore, change: (h: WatcherHealth) => Partial<WatcherHealth>): void {
  store.next({ ...store.value, ...change(store.value) });
}
