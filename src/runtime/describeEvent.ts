import type { JournalEvent } from "../journal/record.js";

/** A few words on an input, for the one log line each transition gets. Pure. */
export function describeEvent(e: JournalEvent): string {
  switch (e.type) {
    case "xstate.init":
      return `started (mtu ${e.input.currentMtu}, baseline ${e.input.baselineMtu})`;
    case "network.settled":
      return e.vpn === null ? "no VPN" : `VPN ${JSON.stringify(e.vpn.name)} (${JSON.stringify(e.vpn.description)}, Windows MTU ${e.vpn.mtuHint ?? "unknown"})`;
    case "link.mtu":
      return `interface mtu is now ${e.mtu}`;
    case "probe.done":
      return `probe found ${e.mtu}`;
    case "probe.failed":
      return `probe failed: ${e.reason}`;
    case "apply.done":
      return `mtu ${e.mtu} set`;
    case "apply.failed":
      return `setting mtu ${e.mtu} failed: ${e.reason}`;
    case "verify.passed":
      return "HTTPS verification passed";
    case "verify.failed":
      return `HTTPS verification failed: ${e.reason}`;
    case "timer.fired":
      return e.timer === "health" ? "health check due" : "retry due";
    case "agent.stop":
      return "stop requested";
  }
}
