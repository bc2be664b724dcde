import type { AgentEvent, Effect, ProbeEvidence } from "../../machines/index.js";
import type { EffectRunner } from "../../src/runtime/driver.js";

/** Outcomes a scenario wants from the fake world; each list is consumed in order, then defaults apply. */
export interface FakeScript {
  probes?: ({ mtu: number } | { fail: string })[];
  verifies?: boolean[];
  applies?: boolean[];
}

/**
 * An in-process stand-in for the kernel and the network: applies MTUs to a variable, answers probes
 * and verifications from a script, and fires timers at once when asked. Results arrive
 * asynchronously, as real effects' would.
 */
export class FakeNetwork {
  mtu: number;
  readonly log: Effect[] = [];
  private readonly timers = new Map<string, number>();

  constructor(
    initialMtu: number,
    private readonly script: FakeScript = {},
  ) {
    this.mtu = initialMtu;
  }

  readonly run: EffectRunner = (effect, emit) => {
    this.log.push(effect);
    const later = (event: AgentEvent): void => void setImmediate(() => emit(event));
    switch (effect.type) {
      case "startProbe": {
        const next = this.script.probes?.shift() ?? { mtu: 1400 };
        const { workId } = effect.params;
        later("fail" in next ? { type: "probe.failed", workId, reason: next.fail } : { type: "probe.done", workId, mtu: next.mtu, evidence: evidence(next.mtu) });
        return;
      }
      case "applyMtu": {
        const ok = this.script.applies?.shift() ?? true;
        const { workId, mtu } = effect.params;
        if (ok) this.mtu = mtu;
        later(ok ? { type: "apply.done", workId, mtu } : { type: "apply.failed", workId, mtu, reason: "RTNETLINK answers: Operation not permitted" });
        return;
      }
      case "verify": {
        const ok = this.script.verifies?.shift() ?? true;
        const { workId } = effect.params;
        later(ok ? { type: "verify.passed", workId } : { type: "verify.failed", workId, reason: "curl: (28) Operation timed out" });
        return;
      }
      case "scheduleTimer":
        this.timers.set(effect.params.timer, effect.params.id);
        return;
      case "cancelTimer":
        this.timers.delete(effect.params.timer);
        return;
      case "cancelProbe":
        return;
    }
  };

  /** The timer event the machine is waiting for, if one is scheduled. */
  firing(timer: "health" | "retry"): AgentEvent | null {
    const id = this.timers.get(timer);
    return id === undefined ? null : { type: "timer.fired", timer, id };
  }
}

export function evidence(mtu: number): ProbeEvidence {
  return {
    method: "parallel",
    rounds: 2,
    durationMs: 2100,
    sizes: [
      { mtu, pass: true, attempts: 1, round: 2, ms: 40 },
      { mtu: mtu + 1, pass: false, attempts: 1, round: 2, ms: 2000, reason: "timeout" },
    ],
  };
}
