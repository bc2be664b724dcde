import { aboutOtherIface, dottedState, ifaceSwitch, start, step, type AgentEvent, type AgentInput, type AgentSnapshot, type Effect } from "../../machines/index.js";

type Pending<T extends Effect["type"]> = Extract<Effect, { type: T }>["params"];

/**
 * Drives the pure machine the way the runtime does, and remembers the effects it asked for, so a
 * test can answer them (now, late, twice, or never) and check what the machine did.
 */
export class Harness {
  snapshot: AgentSnapshot;
  /** The MTU the kernel holds on the managed interface. */
  kernelMtu: number;
  /** The agent's routes in the kernel, as the applies answered so far left them (null: none). */
  kernelRoutes: { prefixes: readonly string[]; mtu: number } | null = null;
  readonly trace: { event: AgentEvent; from: string; to: string; effects: Effect[] }[] = [];
  probes: Pending<"startProbe">[] = [];
  applies: Pending<"applyMtu">[] = [];
  verifies: Pending<"verify">[] = [];
  timers: Partial<Record<"health" | "retry", number>> = {};
  /** Probes started and neither cancelled nor answered. */
  readonly inFlight = new Set<number>();
  lastEffects: Effect[] = [];

  constructor(readonly input: AgentInput) {
    const [snapshot, effects] = start(input);
    this.snapshot = snapshot;
    this.kernelMtu = input.currentMtu;
    this.track(effects);
  }

  get state(): string {
    return dottedState(this.snapshot.value);
  }

  send(event: AgentEvent): Effect[] {
    const from = this.state;
    if (event.type === "probe.done" || event.type === "probe.failed") this.inFlight.delete(event.workId);
    const other = aboutOtherIface(this.snapshot.context, event);
    if (event.type === "apply.done" && event.routes === undefined && !other) this.kernelMtu = event.mtu;
    if (event.type === "apply.done" && event.routes !== undefined) this.kernelRoutes = event.routes.length === 0 ? null : { prefixes: event.routes, mtu: event.mtu };
    if (event.type === "link.mtu" && !other) this.kernelMtu = event.mtu;
    const moved = ifaceSwitch(this.snapshot.context, event);
    if (moved !== null) this.kernelMtu = moved.mtu;
    const [next, effects] = step(this.snapshot, event);
    this.snapshot = next;
    this.track(effects);
    this.trace.push({ event, from, to: this.state, effects });
    return effects;
  }

  private track(effects: Effect[]): void {
    this.lastEffects = effects;
    for (const e of effects) {
      switch (e.type) {
        case "startProbe":
          this.probes.push(e.params);
          this.inFlight.add(e.params.workId);
          break;
        case "cancelProbe":
          this.inFlight.delete(e.params.workId);
          break;
        case "applyMtu":
          this.applies.push(e.params);
          break;
        case "verify":
          this.verifies.push(e.params);
          break;
        case "scheduleTimer":
          this.timers[e.params.timer] = e.params.id;
          break;
        case "cancelTimer":
          delete this.timers[e.params.timer];
          break;
      }
    }
  }

  /** Answers every outstanding apply successfully, as a healthy kernel would, until none is left. */
  drainApplies(limit = 10): void {
    for (let i = 0; i < limit && this.applies.length > 0; i++) {
      const a = this.applies.shift();
      if (a !== undefined) this.send({ type: "apply.done", workId: a.workId, mtu: a.mtu, ...(a.routes === undefined ? {} : { routes: a.routes }), ...(a.iface === null ? {} : { iface: a.iface }) });
    }
  }
}
