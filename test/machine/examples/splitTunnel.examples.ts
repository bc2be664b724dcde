import { FULL_TUNNEL_ROUTES, vpnKey, type AgentEvent, type VpnInfo } from "../../../machines/index.js";
import { splitA, splitA2, vpnA } from "../../support/input.js";
import type { Example, Given } from "./example.js";
import { applyDone, fire, link, probeDone, settle, stop, verifyFailed, verifyPassed } from "./events.js";

const corp = ["198.19.0.0/24"];
const inside = { url: "https://198.19.0.2/", address: "198.19.0.2" };
const outside = { url: "https://198.19.128.2/", address: "198.19.128.2" };
const settleAt = (vpn: VpnInfo, probeTarget = inside): AgentEvent => ({ type: "network.settled", vpn, probeTarget });
/** The answer to the pending apply of routes, as the effect runner gives it. */
const routesDone = (routes: readonly string[], mtu: number): Given => (c) => ({ type: "apply.done", workId: c.workId, mtu, routes });

const toSplitApplying: Given[] = [settle(null), settleAt(splitA), probeDone(1372)];
const toSplitVerifying: Given[] = [...toSplitApplying, routesDone(corp, 1372)];
const toSplitApplied: Given[] = [...toSplitVerifying, verifyPassed];

export const splitTunnel: Record<string, Example> = {
  "a split tunnel's MTU goes on routes for its prefixes, not on the interface": {
    given: [settle(null), settleAt(splitA)],
    when: probeDone(1372),
    then: { state: "VpnDetected.applying", context: { currentMtu: 1500 }, effects: [{ type: "cancelProbe" }, { type: "applyMtu", params: { mtu: 1372, reason: "apply", routes: corp } }] },
  },
  "the routes are in place: verify; the interface keeps its MTU": {
    given: toSplitApplying,
    when: routesDone(corp, 1372),
    then: { state: "VpnDetected.verifying", context: { currentMtu: 1500, routes: { prefixes: corp, mtu: 1372 }, pendingApplies: 0 }, effects: [{ type: "verify", params: { mtu: 1372 } }] },
  },
  "verified on routes: Applied, and known for this VPN": {
    given: toSplitVerifying,
    when: verifyPassed,
    then: { state: "Applied.steady", context: { appliedMtu: 1372, known: { [vpnKey(splitA)]: 1372 }, currentMtu: 1500 } },
  },
  "WSL rewriting the interface does not touch the routes: nothing is applied again": {
    given: toSplitApplied,
    when: link(1400),
    then: { state: "Applied.steady", context: { currentMtu: 1400, routes: { prefixes: corp, mtu: 1372 } }, effects: [] },
  },
  "a late apply of other routes moves them off the target: apply them again": {
    given: toSplitApplied,
    when: (c) => ({ type: "apply.done", workId: c.workId - 1, mtu: 1372, routes: [] }),
    then: { state: "VpnDetected.applying", context: { routes: null }, effects: [{ type: "cancelTimer" }, { type: "applyMtu", params: { mtu: 1372, routes: corp } }] },
  },
  "a failed verification on routes removes them (the rollback of routes)": {
    given: toSplitVerifying,
    when: verifyFailed,
    then: { state: "Degraded", context: { rollbacks: 1 }, effects: [{ type: "applyMtu", params: { mtu: 1500, reason: "rollback", routes: [] } }, { type: "scheduleTimer" }] },
  },
  "the VPN's prefixes change while connected: its known MTU goes on the new prefixes": {
    given: toSplitApplied,
    when: settleAt(splitA2),
    then: { state: "VpnDetected.applying", context: { target: { mtu: 1372, source: "known" } }, effects: [{ type: "cancelTimer" }, { type: "applyMtu", params: { mtu: 1372, routes: ["10.0.0.0/8", "198.19.0.0/24"] } }] },
  },
  "VPN gone: the routes are removed first": {
    given: toSplitApplied,
    when: settle(null),
    then: { state: "Direct.restoring", effects: [{ type: "cancelTimer" }, { type: "applyMtu", params: { mtu: 1500, reason: "restore", routes: [] } }] },
  },
  "routes removed and the interface on its baseline: restored": {
    given: [...toSplitApplied, settle(null)],
    when: routesDone([], 1500),
    then: { state: "Direct.idle", context: { routes: null, currentMtu: 1500 }, effects: [] },
  },
  "routes removed while the interface is off its baseline: restore the interface next": {
    given: [...toSplitApplied, link(1400), settle(null)],
    when: routesDone([], 1500),
    then: { state: "Direct.restoring", context: { routes: null }, effects: [{ type: "applyMtu", params: { mtu: 1500, reason: "restore" } }] },
  },
  "a late apply of routes after the VPN went away is undone": {
    given: [...toSplitApplying, settle(null)],
    when: (c) => ({ type: "apply.done", workId: c.workId - 1, mtu: 1372, routes: corp }),
    then: { state: "Direct.restoring", effects: [{ type: "applyMtu", params: { reason: "restore", routes: [] } }] },
  },
  "stop with routes in place removes them": {
    given: toSplitApplied,
    when: stop,
    then: { state: "Stopped", effects: [{ type: "cancelTimer" }, { type: "applyMtu", params: { mtu: 1500, reason: "restore", routes: [] } }] },
  },
  "a split tunnel that does not carry the probe target: Degraded, nothing applied, not even a profile's MTU": {
    input: { profiles: [{ match: "anyconnect", mtu: 1300 }] },
    given: [settle(null)],
    when: settleAt(splitA, outside),
    then: {
      state: "Degraded",
      context: { lastError: 'VPN "Ethernet 3" is a split tunnel (198.19.0.0/24) that does not carry https://198.19.128.2/ (198.19.128.2): nothing applied; set profiles[].url or verify.url to a host inside the VPN' },
      effects: [{ type: "scheduleTimer", params: { timer: "retry" } }],
    },
  },
  "outside the tunnel, the retry finds it so again and applies nothing": {
    given: [settle(null), settleAt(splitA, outside)],
    when: fire("retry"),
    then: { state: "Degraded", effects: [{ type: "cancelTimer" }, { type: "scheduleTimer", params: { timer: "retry", delayMs: 2_000 } }] },
  },
  "apply.scope interface: a split tunnel's MTU goes on the interface": {
    input: { applyScope: "interface" },
    given: [settle(null), settleAt(splitA)],
    when: probeDone(1372),
    then: { state: "VpnDetected.applying", effects: [{ type: "cancelProbe" }, { type: "applyMtu", params: { mtu: 1372, reason: "apply" } }] },
  },
  "apply.scope routes: a full tunnel's MTU goes on the two halves of the address space": {
    input: { applyScope: "routes" },
    given: [settle(null), settle(vpnA)],
    when: probeDone(1372),
    then: { state: "VpnDetected.applying", effects: [{ type: "cancelProbe" }, { type: "applyMtu", params: { mtu: 1372, reason: "apply", routes: FULL_TUNNEL_ROUTES } }] },
  },
  "a profile that only names a URL: probed and verified with that URL": {
    input: { profiles: [{ match: "anyconnect", url: "https://intranet.example/" }] },
    given: [settle(null)],
    when: settle(vpnA),
    then: { state: "Probing", effects: [{ type: "startProbe", params: { url: "https://intranet.example/" } }] },
  },
  "the interface apply of a full tunnel after a split one leaves the routes to the restore": {
    given: [...toSplitApplied, settle(vpnA)],
    when: applyDone(1372),
    then: { state: "VpnDetected.verifying", context: { currentMtu: 1372, routes: { prefixes: corp, mtu: 1372 } } },
  },
};
