import type fc from "fast-check";
import { vpnKey } from "../../../machines/index.js";
import { agree, answerApply, onRoutes, type Model, type Real } from "./model.js";

const inRange = (mtu: number): boolean => mtu >= 1280 && mtu <= 1500;

/** The running probe finishes: it found `mtu`, or it failed. */
export class ProbeCommand implements fc.Command<Model, Real> {
  constructor(readonly mtu: number | null) {}
  check(m: Readonly<Model>): boolean {
    return m.phase === "probing";
  }
  run(m: Model, r: Real): void {
    const workId = r.h.snapshot.context.workId;
    r.h.send(
      this.mtu === null
        ? { type: "probe.failed", workId, reason: "target unreachable" }
        : { type: "probe.done", workId, mtu: this.mtu, evidence: { method: "parallel", rounds: 2, durationMs: 5, sizes: [] } },
    );
    if (this.mtu !== null && inRange(this.mtu)) {
      m.target = { mtu: this.mtu, source: "probe" };
      m.phase = "applying";
    } else m.phase = "degraded";
    agree(m, r);
  }
  toString(): string {
    return this.mtu === null ? "probe fails" : `probe finds ${this.mtu}`;
  }
}

/** The pending `ip link set` finishes. */
export class ApplyCommand implements fc.Command<Model, Real> {
  constructor(readonly ok: boolean) {}
  check(m: Readonly<Model>): boolean {
    return m.phase === "applying" || m.phase === "restoring";
  }
  run(m: Model, r: Real): void {
    answerApply(r, this.ok);
    if (m.phase === "applying") {
      if (this.ok && onRoutes(m)) m.routes = m.target?.mtu ?? null;
      else if (this.ok) m.kernel = m.target?.mtu ?? m.kernel;
      m.phase = this.ok ? "verifying" : "degraded";
    } else {
      // A restore takes the routes first, then the interface.
      if (this.ok && m.routes !== null) m.routes = null;
      else if (this.ok) m.kernel = m.baseline;
      m.phase = !this.ok ? "restoreWait" : m.routes === null && m.kernel === m.baseline ? "direct" : "restoring";
    }
    agree(m, r);
  }
  toString(): string {
    return `apply ${this.ok ? "succeeds" : "fails"}`;
  }
}

/** The pending HTTPS verification finishes; a failed one after an apply is rolled back at once. */
export class VerifyCommand implements fc.Command<Model, Real> {
  constructor(readonly ok: boolean) {}
  check(m: Readonly<Model>): boolean {
    return m.phase === "verifying" || m.phase === "checking";
  }
  run(m: Model, r: Real): void {
    const workId = r.h.snapshot.context.workId;
    const previous = r.h.snapshot.context.previousMtu;
    r.h.send(this.ok ? { type: "verify.passed", workId } : { type: "verify.failed", workId, reason: "timeout" });
    const key = m.vpn === null ? "" : vpnKey(m.vpn);
    if (m.phase === "checking") m.phase = this.ok ? "applied" : "probing";
    else if (this.ok) {
      m.phase = "applied";
      m.known.set(key, m.target?.mtu ?? 0);
    } else {
      answerApply(r, true); // the rollback: routes go, the interface goes back
      if (onRoutes(m)) m.routes = null;
      else m.kernel = previous !== null && (inRange(previous) || previous === m.baseline) ? previous : m.baseline;
      m.phase = m.target?.source === "known" ? "probing" : "degraded";
      m.known.delete(key);
    }
    agree(m, r);
  }
  toString(): string {
    return `verify ${this.ok ? "passes" : "fails"}`;
  }
}
