import type { JournalEvent } from "../journal/record.js";

/** A few words that make a timeline row readable without the JSON. Pure. */
export function eventDetail(e: JournalEvent): string {
  switch (e.type) {
    case "xstate.init":
      return `agent started: baseline ${e.input.baselineMtu}, mtu ${e.input.currentMtu}`;
    case "network.settled":
      return e.vpn === null ? "no VPN" : `VPN ${e.vpn.name} (${e.vpn.description}), hint ${e.vpn.mtuHint ?? "none"}`;
    case "link.mtu":
      return `eth0 mtu ${e.mtu}`;
    case "apply.done":
      return `applied ${e.mtu} (work ${e.workId})`;
    case "apply.failed":
      return `apply ${e.mtu} failed: ${e.reason}`;
    case "probe.done":
      return `found ${e.mtu} in ${e.evidence.rounds} round(s), ${e.evidence.durationMs} ms`;
    case "probe.failed":
    case "verify.failed":
      return `${e.reason} (work ${e.workId})`;
    case "verify.passed":
      return `work ${e.workId}`;
    case "timer.fired":
      return `${e.timer} #${e.id}`;
    case "agent.stop":
      return "";
  }
}
