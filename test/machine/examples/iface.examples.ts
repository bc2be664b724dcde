import type { AgentEvent, VpnInfo } from "../../../machines/index.js";
import { splitA, vpnA, vpnB } from "../../support/input.js";
import type { Example } from "./example.js";
import { applyDone, link, settle, stale, stop, toApplied, toProbing } from "./events.js";

// The interface the route to the target leaves through, as network.settled reports it (interface: "auto").
const eth0 = { name: "eth0", mtu: 1500 };
const eth1 = { name: "eth1", mtu: 9000 };
const via = (vpn: VpnInfo | null, iface: { name: string; mtu: number }): AgentEvent => ({ type: "network.settled", vpn, iface });
const managing = { input: { iface: "eth0" } };

export const ifaceChoice: Record<string, Example> = {
  "mirrored: the VPN's own interface routes the target: manage it from its MTU, eth0 had nothing to give back": {
    ...managing,
    given: [settle(null)],
    when: via(vpnA, eth1),
    then: { state: "Probing", context: { iface: "eth1", baselineMtu: 9000, currentMtu: 9000 }, effects: [{ type: "startProbe" }] },
  },
  "an applied MTU is set on the managed interface": {
    ...managing,
    given: [settle(null), via(vpnA, eth1)],
    when: (c) => ({ type: "probe.done", workId: c.workId, mtu: 1372, evidence: { method: "parallel", rounds: 1, durationMs: 1, sizes: [] } }),
    then: { state: "VpnDetected.applying", effects: [{ type: "cancelProbe" }, { type: "applyMtu", params: { iface: "eth1", mtu: 1372, reason: "apply" } }] },
  },
  "the same VPN moves to another interface while Applied: the old one gets its baseline back, the new one is decided again": {
    ...managing,
    given: [...toApplied],
    when: via(vpnA, eth1),
    then: {
      state: "VpnDetected.applying",
      context: { iface: "eth1", baselineMtu: 9000, currentMtu: 9000, pendingApplies: 1 },
      effects: [
        { type: "cancelTimer", params: { timer: "health" } },
        { type: "applyMtu", params: { iface: "eth0", mtu: 1500, reason: "restore" } },
        { type: "applyMtu", params: { iface: "eth1", mtu: 1372, reason: "apply" } },
      ],
    },
  },
  "the VPN goes and its interface with it: the route is back on eth0, nothing of eth0 to restore": {
    ...managing,
    given: [settle(null), via(vpnA, eth1), (c) => ({ type: "probe.done", workId: c.workId, mtu: 1372, evidence: { method: "parallel", rounds: 1, durationMs: 1, sizes: [] } }), applyDone()],
    when: via(null, eth0),
    then: {
      state: "Direct.idle",
      context: { iface: "eth0", baselineMtu: 1500, currentMtu: 1500, vpn: null },
      effects: [{ type: "applyMtu", params: { iface: "eth1", mtu: 9000, reason: "restore" } }],
    },
  },
  "the restore of an interface left behind answers about it: the machine no longer cares": {
    ...managing,
    given: [settle(null), via(vpnA, eth1), (c) => ({ type: "probe.done", workId: c.workId, mtu: 1372, evidence: { method: "parallel", rounds: 1, durationMs: 1, sizes: [] } }), applyDone(), via(null, eth0)],
    when: (c) => ({ type: "apply.failed", workId: c.workId, mtu: 9000, reason: "Cannot find device \"eth1\"", iface: "eth1" }),
    then: { state: "Direct.idle", context: { lastError: null, currentMtu: 1500 }, effects: [] },
  },
  "a link change of another interface changes nothing": {
    ...managing,
    given: [settle(null)],
    when: { type: "link.mtu", mtu: 1400, iface: "docker0" },
    then: { state: "Direct.idle", context: { baselineMtu: 1500, currentMtu: 1500 }, effects: [] },
  },
  "a late apply for the interface left is not taken as the new one's MTU": {
    ...managing,
    given: [...toProbing, (c) => ({ type: "probe.done", workId: c.workId, mtu: 1372, evidence: { method: "parallel", rounds: 1, durationMs: 1, sizes: [] } }), via(vpnA, eth1)],
    when: stale((c) => ({ type: "apply.done", workId: c.workId, mtu: 1372, iface: "eth0" })),
    then: { state: "Probing", context: { iface: "eth1", currentMtu: 9000, pendingApplies: 0 }, effects: [] },
  },
  "a tagged link change of the managed interface is noted": {
    ...managing,
    given: toProbing,
    when: { type: "link.mtu", mtu: 1400, iface: "eth0" },
    then: { state: "Probing", context: { currentMtu: 1400 }, effects: [] },
  },
  "another VPN on another interface: restore the old interface before deciding on the new one": {
    ...managing,
    given: toApplied,
    when: via(vpnB, eth1),
    then: { state: "Probing", context: { iface: "eth1", vpn: vpnB }, effects: [{ type: "cancelTimer" }, { type: "applyMtu", params: { iface: "eth0", mtu: 1500 } }, { type: "startProbe" }] },
  },
  "a fixed baseline is the start interface's: a newly chosen interface keeps the MTU it had when chosen": {
    input: { iface: "eth0", baselineFixed: true, baselineMtu: 1400 },
    given: [settle(null)],
    when: via(null, eth1),
    then: { state: "Direct.idle", context: { iface: "eth1", baselineMtu: 9000, currentMtu: 9000 }, effects: [{ type: "applyMtu", params: { iface: "eth0", mtu: 1400 } }] },
  },
  "split tunnel: the agent's routes are the agent's, not the interface's: they stay until the next apply or restore": {
    ...managing,
    given: [settle(null), via(splitA, eth0), (c) => ({ type: "probe.done", workId: c.workId, mtu: 1372, evidence: { method: "parallel", rounds: 1, durationMs: 1, sizes: [] } }), (c) => ({ type: "apply.done", workId: c.workId, mtu: 1372, routes: ["198.19.0.0/24"], iface: "eth0" })],
    when: via(splitA, eth1),
    then: { state: "Probing", context: { iface: "eth1", routes: { prefixes: ["198.19.0.0/24"], mtu: 1372 } }, effects: [{ type: "startProbe" }] },
  },
  "stop restores the managed interface by name": {
    ...managing,
    given: [settle(null), via(vpnA, eth1), link(1400)],
    when: stop,
    then: { state: "Stopped", effects: [{ type: "cancelProbe" }, { type: "applyMtu", params: { iface: "eth1", mtu: 9000, reason: "restore" } }] },
  },
  "without a name for its interface (old journals), the machine takes tagged events as its own": {
    given: [settle(null)],
    when: { type: "link.mtu", mtu: 1450, iface: "eth0" },
    then: { state: "Direct.idle", context: { iface: null, baselineMtu: 1450 } },
  },
  "without a name for its interface, the machine stays with it whatever route is reported": {
    given: [settle(null)],
    when: via(vpnA, eth1),
    then: { state: "Probing", context: { iface: null, currentMtu: 1500 }, effects: [{ type: "startProbe" }] },
  },
};
