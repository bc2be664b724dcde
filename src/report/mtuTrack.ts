import type { ApplyReason, Effect } from "../../machines/index.js";
import type { JournalRecord } from "../journal/record.js";
import type { Mark } from "./model.js";

/** Points and marks beyond which the plot would not get any more readable. */
const MAX_POINTS = 50_000;
const MAX_MARKS = 20_000;
/** Applies asked for and not yet seen on the link; more means the link never reported them. */
const MAX_PENDING = 16;

const BY: Record<ApplyReason, string> = { apply: "the agent's apply", rollback: "the agent's rollback", restore: "the agent's restore of the baseline" };

/**
 * Follows the MTU in force on eth0 (the start value, link observations, completed applies) and
 * marks who changed it: the agent (an apply, rollback or restore it asked for) or someone else
 * (WSL rewrites eth0 when Windows connectivity changes). A link change is the agent's when it
 * brings an MTU the agent asked for and has not yet seen arrive; any other change is not.
 */
export class MtuTrack {
  readonly points: [number, number][] = [];
  readonly marks: Mark[] = [];
  dropped = 0;
  private inForce: number | null = null;
  private pending: { readonly mtu: number; readonly reason: ApplyReason; readonly seq: number }[] = [];

  /** Feeds one record with the effects replay produced for it; returns who made a link change it reports, or null. */
  feed(record: JournalRecord, t: number, effects: readonly Effect[]): string | null {
    const e = record.event;
    let by: string | null = null;
    switch (e.type) {
      case "xstate.init":
        this.pending = [];
        this.set(t, e.input.currentMtu);
        break;
      case "journal.checkpoint":
        // A segment or window read alone starts here: the MTU in force is the machine's.
        if (this.inForce === null) this.set(t, e.snapshot.context.currentMtu);
        break;
      case "link.mtu":
        if (this.inForce !== null && e.mtu !== this.inForce) by = this.changed(record.seq, t, e.mtu);
        this.set(t, e.mtu);
        break;
      case "apply.done":
        // Routes (apply.scope routes) leave the interface's MTU as it is: the track is the interface's.
        if (e.routes !== undefined) break;
        // Applied without the link reporting it (yet): the agent's change all the same.
        if (this.inForce !== e.mtu) by = this.changed(record.seq, t, e.mtu);
        else this.kept(record.seq, t, e.mtu);
        this.set(t, e.mtu);
        break;
      case "probe.done":
        this.mark({ t, seq: record.seq, kind: "probe", mtu: e.mtu, text: `probe found ${e.mtu}` });
        break;
      case "verify.failed":
        this.mark({ t, seq: record.seq, kind: "verify-failed", mtu: this.inForce ?? 0, text: `verification failed: ${e.reason}` });
        break;
      case "apply.failed":
        this.pending = this.pending.filter((p) => p.mtu !== e.mtu);
        break;
      case "network.settled":
      case "probe.failed":
      case "verify.passed":
      case "timer.fired":
      case "agent.stop":
        break;
    }
    for (const effect of effects) {
      if (effect.type !== "applyMtu" || effect.params.routes !== undefined) continue;
      this.pending.push({ mtu: effect.params.mtu, reason: effect.params.reason, seq: record.seq });
      if (this.pending.length > MAX_PENDING) this.pending.shift();
    }
    return by;
  }

  /** The MTU in force when a window opens (what the machine held then). */
  seed(t: number, mtu: number): void {
    if (this.inForce === null) this.set(t, mtu);
  }

  /** Marks a change to `mtu` with who made it, and returns that in words. */
  private changed(seq: number, t: number, mtu: number): string {
    const was = this.inForce;
    const i = this.pending.findIndex((p) => p.mtu === mtu);
    if (i === -1) {
      this.mark({ t, seq, kind: "wsl", mtu, text: `eth0 changed to ${mtu} (was ${was ?? "unknown"}) by someone else: WSL, not the agent` });
      return "someone else (WSL), not the agent";
    }
    const p = this.pending[i] as (typeof this.pending)[number];
    this.pending.splice(i, 1);
    this.mark({ t, seq, kind: p.reason, mtu, text: `eth0 set to ${mtu} (was ${was ?? "unknown"}) by ${BY[p.reason]}, asked for at #${p.seq}` });
    return `${BY[p.reason]} (asked for at #${p.seq})`;
  }

  /** An apply the agent asked for that found its MTU already in force: shown, as nothing changed. */
  private kept(seq: number, t: number, mtu: number): void {
    const i = this.pending.findIndex((p) => p.mtu === mtu);
    if (i === -1) return; // the link reported it already: marked then
    const p = this.pending[i] as (typeof this.pending)[number];
    this.pending.splice(i, 1);
    this.mark({ t, seq, kind: p.reason, mtu, text: `the agent's ${p.reason} to ${mtu} (asked for at #${p.seq}) found it already in force` });
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
