import { dottedState, startPaths, stepPaths, type AgentEvent, type AgentInput, type AgentSnapshot, type Effect, type Paths } from "../../machines/index.js";
import type { JournalEvent, JournalRecord } from "../journal/record.js";

/** Where records go before the machine acts on them (the journal writer, or a test double). */
export interface RecordSink {
  /** `snapshot` is every path after the event (`state` is main's dotted state): checkpoints hold it. */
  append(event: JournalEvent, state: string, at: Date, snapshot: Paths): Promise<JournalRecord>;
}

/** Runs the machine's effects. Results come back through `emit`, never as thrown errors. */
export type EffectRunner = (effect: Effect, emit: (event: AgentEvent) => void) => void;

export interface Transition {
  readonly record: JournalRecord;
  readonly from: string;
  readonly to: string;
  /** The target's VPN's machine (main); `paths` has every path. */
  readonly snapshot: AgentSnapshot;
  readonly paths: Paths;
  readonly effects: readonly Effect[];
}

/**
 * The runtime's core loop: each input is folded through the pure machine, journaled with the state
 * it reaches, and only then adopted and its effects run. Inputs are processed one at a time, in
 * arrival order, so the journal order is the order the machine saw.
 */
export class AgentDriver {
  private snapshot: Paths | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(t: Transition) => void>();
  private failure: Error | null = null;
  private closed = false;

  constructor(
    private readonly sink: RecordSink,
    private readonly runEffect: EffectRunner,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Starts a fresh machine from `input` (never a stored snapshot: the live system is the truth). */
  start(input: AgentInput): Promise<void> {
    return this.enqueue(async () => {
      const [snapshot, effects] = startPaths(input);
      await this.commit({ type: "xstate.init", input }, "", snapshot, effects);
    });
  }

  /** Queues an input; resolves once it is journaled and applied. */
  send(event: AgentEvent): Promise<void> {
    return this.enqueue(async () => {
      const current = this.paths();
      const next = stepPaths(current, event);
      await this.commit(event, dottedState(current.main.value), next.paths, [...next.effects]);
    });
  }

  onTransition(listener: (t: Transition) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The target's VPN's machine (main) as adopted; null before start(). */
  snapshotOrNull(): AgentSnapshot | null {
    return this.snapshot?.main ?? null;
  }

  /** The target's VPN's machine (main). */
  current(): AgentSnapshot {
    return this.paths().main;
  }

  /** Every VPN path. */
  paths(): Paths {
    if (this.snapshot === null) throw new Error("agent driver used before start()");
    return this.snapshot;
  }

  /**
   * Takes no more inputs: later ones (results of effects still in flight) are dropped, unjournaled,
   * so nothing new starts. For a failing agent, whose journal then ends as after a crash.
   */
  close(): void {
    this.closed = true;
  }

  /** Waits until every queued input is processed; rejects if journaling failed. */
  async idle(): Promise<void> {
    await this.queue;
    if (this.failure !== null) throw this.failure;
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(async () => {
      if (this.closed) return;
      if (this.failure !== null) throw this.failure;
      await work();
    });
    this.queue = run.catch((error: unknown) => {
      this.failure ??= error instanceof Error ? error : new Error(String(error));
    });
    return run;
  }

  private async commit(event: JournalEvent, from: string, next: Paths, effects: Effect[]): Promise<void> {
    const to = dottedState(next.main.value);
    const record = await this.sink.append(event, to, this.clock(), next);
    this.snapshot = next;
    const transition: Transition = { record, from, to, snapshot: next.main, paths: next, effects };
    for (const listener of this.listeners) listener(transition);
    for (const effect of effects) this.runEffect(effect, (e) => void this.send(e).catch(() => undefined));
  }
}
