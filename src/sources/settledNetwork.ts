import { distinctUntilChanged, filter, map, tap, type Observable, type SchedulerLike } from "rxjs";
import type { AgentEvent } from "../../machines/events.js";
import type { RawLine } from "../lines/splitLines.js";
import type { Classifier } from "../windows/classify.js";
import { viewOf, type WindowsView } from "../windows/view.js";
import { decodeLine, type DecodedLine } from "./decodeLine.js";
import { patchHealth, type HealthStore } from "./health.js";
import { settle } from "./settle.js";

export type NetworkSettledEvent = Extract<AgentEvent, { type: "network.settled" }>;

/** A warning for the log: a bad watcher line or a watcher stop. Never fatal. */
export interface SourceWarning {
  readonly message: string;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface SettleOptions {
  readonly classifier: Classifier;
  /** `settle.quietMs` */
  readonly quietMs: number;
  /** `settle.maxWaitMs` */
  readonly maxWaitMs: number;
  readonly health: HealthStore;
  readonly onWarning?: (warning: SourceWarning) => void;
  readonly scheduler?: SchedulerLike;
}

/**
 * Watcher lines → settled views of the Windows network (which VPNs are up, which carries what):
 * the runtime turns each into a `network.settled` event once it knows the target's address. Bad
 * lines are counted and warned about, never fatal. A view routing like the previous one
 * (heartbeats, or a burst that ends where it began) does not re-trigger the machine.
 */
export function settledNetwork(lines$: Observable<RawLine>, opts: SettleOptions): Observable<WindowsView> {
  return lines$.pipe(
    map(decodeLine),
    tap((d) => record(d, opts)),
    filter((d) => d.kind === "snapshot"),
    map((d) => viewOf(d.snapshot, opts.classifier)),
    // Twice: before settle so an unchanged heartbeat does not start a burst, after it so a burst
    // that ends where it started emits nothing.
    distinctUntilChanged(sameView),
    settle(opts.quietMs, opts.maxWaitMs, opts.scheduler),
    distinctUntilChanged(sameView),
  );
}

const sameView = (a: WindowsView, b: WindowsView): boolean => a.key === b.key;

function record(d: DecodedLine, opts: SettleOptions): void {
  switch (d.kind) {
    case "snapshot":
      patchHealth(opts.health, (h) => ({ snapshots: h.snapshots + 1 }));
      return;
    case "bad":
      patchHealth(opts.health, (h) => ({ badLines: h.badLines + 1, lastBadLine: { problem: d.problem, sample: d.sample } }));
      opts.onWarning?.({ message: `ignored a bad watcher line: ${d.problem}`, details: { line: d.line, sample: d.sample } });
      return;
    case "blank":
      return;
  }
}
