import type fc from "fast-check";
import { agree, decide, onRoutes, type Model, type Real } from "./model.js";

/** A timer the machine scheduled fires: the health check in Applied, the retry in Degraded. */
export class TimerCommand implements fc.Command<Model, Real> {
  constructor(readonly timer: "health" | "retry") {}
  check(m: Readonly<Model>): boolean {
    return this.timer === "health" ? m.phase === "applied" : m.phase === "degraded" || m.phase === "restoreWait";
  }
  run(m: Model, r: Real): void {
    const id = r.h.timers[this.timer];
    if (id === undefined) throw new Error(`machine in ${r.h.state} scheduled no ${this.timer} timer`);
    r.h.send({ type: "timer.fired", timer: this.timer, id });
    if (this.timer === "health") m.phase = "checking";
    else if (m.phase === "restoreWait") m.phase = "restoring";
    else decide(m);
    agree(m, r);
  }
  toString(): string {
    return `${this.timer} timer fires`;
  }
}

/** WSL rewrites eth0's MTU behind the agent's back (re-applied in interface scope, left alone on routes). */
export class RewriteCommand implements fc.Command<Model, Real> {
  constructor(readonly mtu: number) {}
  check(m: Readonly<Model>): boolean {
    return m.phase === "applied" && m.target?.mtu !== this.mtu;
  }
  run(m: Model, r: Real): void {
    r.h.send({ type: "link.mtu", mtu: this.mtu });
    m.kernel = this.mtu;
    // On routes the interface is WSL's: its MTU is noted, nothing is applied again.
    if (!onRoutes(m)) m.phase = "applying";
    agree(m, r);
  }
  toString(): string {
    return `WSL rewrites the MTU to ${this.mtu}`;
  }
}
