import { dottedState, startPaths, stepPaths, vpnKey, type AgentEvent, type AgentInput, type Effect, type Paths, type VpnInfo } from "../../machines/index.js";

/** An effect still to be answered, with the path it belongs to (undefined: main). */
export type PendingEffect = Extract<Effect, { type: "startProbe" | "applyMtu" | "verify" | "scheduleTimer" }>;

/**
 * Drives every VPN path the way the runtime does: effects are kept until the test answers them,
 * and the kernel's routes are kept per path as the applies answered so far left them.
 */
export class PathsHarness {
  paths: Paths;
  readonly pending: PendingEffect[] = [];
  /** The agent's routes per path key ("" for main), as the answered applies left them. */
  readonly kernelRoutes = new Map<string, { prefixes: readonly string[]; mtu: number }>();
  readonly emitted: Effect[] = [];

  constructor(readonly input: AgentInput) {
    const [paths, effects] = startPaths(input);
    this.paths = paths;
    this.track(effects);
  }

  state(vpn?: VpnInfo): string {
    const s = vpn === undefined ? this.paths.main : this.paths.others[vpnKey(vpn)];
    return s === undefined ? "(no path)" : dottedState(s.value);
  }

  send(event: AgentEvent): Effect[] {
    if (event.type === "apply.done" && event.routes !== undefined) {
      const key = event.path ?? "";
      if (event.routes.length === 0) this.kernelRoutes.delete(key);
      else this.kernelRoutes.set(key, { prefixes: event.routes, mtu: event.mtu });
    }
    const r = stepPaths(this.paths, event);
    this.paths = r.paths;
    this.track([...r.effects]);
    return [...r.effects];
  }

  /** The answer a healthy system gives to an effect: probes find `mtu`, applies and verifications pass, timers fire. */
  answer(e: PendingEffect, mtu = 1372): AgentEvent {
    const path = e.params.path === undefined ? {} : { path: e.params.path };
    switch (e.type) {
      case "startProbe":
        return { type: "probe.done", workId: e.params.workId, mtu, evidence: { method: "parallel", rounds: 1, durationMs: 1, sizes: [] }, ...path };
      case "applyMtu":
        return { type: "apply.done", workId: e.params.workId, mtu: e.params.mtu, ...(e.params.routes === undefined ? {} : { routes: e.params.routes }), ...(e.params.iface === null ? {} : { iface: e.params.iface }), ...path };
      case "verify":
        return { type: "verify.passed", workId: e.params.workId, ...path };
      case "scheduleTimer":
        return { type: "timer.fired", timer: e.params.timer, id: e.params.id, ...path };
    }
  }

  /** Answers every pending effect but timers, oldest first, until none is left; probes of path `key` find `mtus[key]`. */
  settle(mtus: Record<string, number> = {}, limit = 50): void {
    for (let i = 0; i < limit; i++) {
      const at = this.pending.findIndex((e) => e.type !== "scheduleTimer");
      if (at < 0) return;
      const [e] = this.pending.splice(at, 1) as [PendingEffect];
      this.send(this.answer(e, mtus[e.params.path ?? ""] ?? 1372));
    }
  }

  private track(effects: readonly Effect[]): void {
    for (const e of effects) {
      this.emitted.push(e);
      if (e.type === "cancelProbe") this.drop((p) => p.type === "startProbe" && p.params.workId === e.params.workId && p.params.path === e.params.path);
      else if (e.type === "cancelTimer") this.drop((p) => p.type === "scheduleTimer" && p.params.timer === e.params.timer && p.params.path === e.params.path);
      else if (e.type === "scheduleTimer") {
        this.drop((p) => p.type === "scheduleTimer" && p.params.timer === e.params.timer && p.params.path === e.params.path);
        this.pending.push(e);
      } else this.pending.push(e);
    }
  }

  private drop(which: (p: PendingEffect) => boolean): void {
    for (let i = this.pending.length - 1; i >= 0; i--) if (which(this.pending[i] as PendingEffect)) this.pending.splice(i, 1);
  }
}
