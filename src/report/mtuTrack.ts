import type { Effect } from "../../machines/index.js";
import type { JournalRecord } from "../journal/record.js";
import type { Mark } from "./model.js";

/** Points and marks beyond which the plot would not get any more readable. */
const MAX_POINTS = 50_000;
const MAX_MARKS = 20_000;

/**
 * Follows the MTU in force on eth0 (the start value, link observations, completed applies) and
 * marks what changed it: probes, applies, rollbacks, restores, and WSL rewriting the link.
 */
export class MtuTrack {
  readonly points: [number, number][] = [];
  readonly marks: Mark[] = [];
  dropped = 0;
  private inForce: number | null = null;

  feed(record: JournalRecord, t: number, effects: readonly Effect[]): void {
    const e = record.event;
    switch (e.type) {
      case "xstate.init":
        this.set(t, e.input.currentMtu);
        break;
      case "journal.checkpoint":
        // A segment or window read alone starts here: the MTU in force is the machine's.
        if (this.inForce === null) this.set(t, e.snapshot.context.currentMtu);
        break;
      case "link.mtu":
        // The link changed under the agent: WSL rewrites eth0 when Windows connectivity changes.
        if (this.inForce !== null && e.mtu !== this.inForce) this.mark({ t, seq: record.seq, kind: "wsl", mtu: e.mtu, text: `WSL set eth0 to ${e.mtu} (was ${this.inForce})` });
        this.set(t, e.mtu);
        break;
      case "apply.done":
        this.set(t, e.mtu);
        break;
      case "probe.done":
        this.mark({ t, seq: record.seq, kind: "probe", mtu: e.mtu, text: `probe found ${e.mtu}` });
        break;
      case "verify.failed":
        this.mark({ t, seq: record.seq, kind: "verify-failed", mtu: this.inForce ?? 0, text: `verification failed: ${e.reason}` });
        break;
      case "network.settled":
      case "apply.failed":
      case "probe.failed":
      case "verify.passed":
      case "timer.fired":
      case "agent.stop":
        break;
    }
    for (const effect of effects) {
      if (effect.type !== "applyMtu") continue;
      const { reason, mtu } = effect.params;
      this.mark({ t, seq: record.seq, kind: reason, mtu, text: `${reason} ${mtu} requested` });
    }
  }

  private set(t: number, mtu: number): void {
    if (mtu === this.inForce) return;
    this.inForce = mtu;
    if (this.points.length < MAX_POINTS) this.points.push([t, mtu]);
    else this.dropped++;
  }

  private mark(m: Mark): void {
    if (this.marks.length < MAX_MARKS) this.marks.push(m);
    else this.dropped++;
  }
}
