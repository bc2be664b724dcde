import type { JournalRecord } from "../journal/record.js";

/** Items of one kind named in the summary; the rest are counted. */
const LISTED = 3;

interface Listed {
  readonly items: string[];
  count: number;
}

const listed = (): Listed => ({ items: [], count: 0 });
const times = (n: number): string => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`);

/**
 * What happened in a journal, in words, for the top of the report: which VPN connected when, what
 * the probes found in how many rounds, what was applied and verified, how often WSL rewrote the
 * MTU, what failed and why, when the baseline came back. Memory stays bounded (a few items per
 * kind, counts for the rest). Plain text: the page escapes it.
 */
export class Story {
  private firstDay: string | null = null;
  private readonly starts = listed();
  private readonly vpns = listed();
  private readonly probes = listed();
  private readonly probeFailures = listed();
  private readonly verified = listed();
  private readonly verifyFailures = listed();
  private readonly applyFailures = listed();
  private readonly wsl = listed();
  private readonly rollbacks = listed();
  private readonly restores = listed();
  private readonly gone = listed();
  private readonly stops = listed();
  private pendingApply: number | null = null;
  private vpnUp = false;

  /** `by` is who made a link change the record reports (see `MtuTrack.feed`). */
  feed(record: JournalRecord, t: number, by: string | null): void {
    const e = record.event;
    const at = this.when(t);
    switch (e.type) {
      case "xstate.init":
        add(this.starts, `at ${at} with eth0 at ${e.input.currentMtu} (baseline ${e.input.baselineMtu})`);
        break;
      case "network.settled":
        if (e.vpn !== null) add(this.vpns, `${JSON.stringify(e.vpn.name)} (${e.vpn.description}, Windows MTU ${e.vpn.mtuHint ?? "unknown"}) connected at ${at}`);
        else if (this.vpnUp) add(this.gone, at);
        this.vpnUp = e.vpn !== null;
        break;
      case "probe.done":
        add(this.probes, `${e.mtu} in ${e.evidence.rounds} round${e.evidence.rounds === 1 ? "" : "s"} (${e.evidence.sizes.length} sizes, ${(e.evidence.durationMs / 1000).toFixed(1)} s) at ${at}`);
        break;
      case "probe.failed":
        add(this.probeFailures, `at ${at}: ${e.reason}`);
        break;
      case "apply.done":
        this.pendingApply = e.mtu;
        break;
      case "apply.failed":
        add(this.applyFailures, `${e.mtu} at ${at}: ${e.reason}`);
        break;
      case "verify.passed":
        if (this.pendingApply !== null) add(this.verified, `${this.pendingApply} at ${at}`);
        this.pendingApply = null;
        break;
      case "verify.failed":
        add(this.verifyFailures, `at ${at}: ${e.reason}`);
        break;
      case "agent.stop":
        add(this.stops, at);
        break;
      case "link.mtu":
        if (by?.startsWith("someone else") === true) add(this.wsl, `to ${e.mtu} at ${at}`);
        else if (by?.includes("rollback") === true) add(this.rollbacks, `to ${e.mtu} at ${at}`);
        else if (by?.includes("restore") === true) add(this.restores, `${e.mtu} at ${at}`);
        break;
      case "timer.fired":
      case "journal.checkpoint":
        break;
    }
  }

  /** The summary, one sentence per thing that happened, in the order a reader asks about them. */
  sentences(): string[] {
    const out: string[] = [];
    say(out, this.starts, (l) => `The agent started ${l}.`, (n, l) => `The agent started ${times(n)}, first ${l}.`);
    if (this.vpns.count === 0) out.push("No VPN connected in this journal.");
    say(out, this.vpns, (l) => `VPN ${l}.`, (n, l) => `A VPN connected ${times(n)}: ${l}.`);
    say(out, this.probes, (l) => `The probe found ${l}.`, (n, l) => `${n} probes found ${l}.`);
    say(out, this.probeFailures, (l) => `A probe failed ${l}.`, (n, l) => `Probes failed ${times(n)}: ${l}.`);
    say(out, this.verified, (l) => `The agent applied and verified ${l}.`, (n, l) => `The agent applied and verified an MTU ${times(n)}: ${l}.`);
    if (this.wsl.count === 0) out.push("Nobody else changed eth0's MTU.");
    say(out, this.wsl, (l) => `WSL (not the agent) rewrote eth0 once, ${l}.`, (n, l) => `WSL (not the agent) rewrote eth0 ${times(n)}: ${l}.`);
    say(out, this.verifyFailures, (l) => `The HTTPS verification failed ${l}.`, (n, l) => `The HTTPS verification failed ${times(n)}: ${l}.`);
    say(out, this.rollbacks, (l) => `The agent rolled eth0 back ${l}.`, (n, l) => `The agent rolled eth0 back ${times(n)}: ${l}.`);
    say(out, this.applyFailures, (l) => `Setting the MTU failed: ${l}.`, (n, l) => `Setting the MTU failed ${times(n)}: ${l}.`);
    say(out, this.gone, (l) => `The VPN went away at ${l}.`, (n, l) => `The VPN went away ${times(n)}: ${l}.`);
    say(out, this.restores, (l) => `The baseline came back: ${l}.`, (n, l) => `The baseline came back ${times(n)}: ${l}.`);
    say(out, this.stops, (l) => `The agent stopped at ${l}.`, (n, l) => `The agent stopped ${times(n)}: ${l}.`);
    return out;
  }

  /** A time as a reader wants it: the clock (UTC), with the date when it is not the journal's first day. */
  private when(t: number): string {
    const iso = new Date(t).toISOString();
    this.firstDay ??= iso.slice(0, 10);
    return iso.slice(0, 10) === this.firstDay ? `${iso.slice(11, 19)} UTC` : `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
  }
}

function add(l: Listed, item: string): void {
  l.count++;
  if (l.items.length < LISTED) l.items.push(item);
}

function say(out: string[], l: Listed, one: (item: string) => string, many: (n: number, items: string) => string): void {
  if (l.count === 0) return;
  if (l.count === 1) out.push(one(l.items[0] ?? ""));
  else out.push(many(l.count, l.items.join("; ") + (l.count > l.items.length ? `; and ${l.count - l.items.length} more` : "")));
}
