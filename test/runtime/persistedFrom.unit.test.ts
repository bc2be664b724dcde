import { describe, expect, it } from "vitest";
import { start, step, vpnKey, type AgentEvent, type AgentSnapshot } from "../../machines/index.js";
import { persistedFrom, samePersisted } from "../../src/runtime/persistedFrom.js";
import { testInput, vpnA } from "../support/input.js";

const evidence = { method: "parallel", rounds: 1, durationMs: 1, sizes: [] } as const;
/** Feeds events, each made from the context it is sent in. */
function run(snapshot: AgentSnapshot, events: ((s: AgentSnapshot) => AgentEvent)[]): AgentSnapshot {
  return events.reduce((s, make) => step(s, make(s))[0], snapshot);
}
const connectAndVerify = [
  () => ({ type: "network.settled", vpn: null }) as const,
  () => ({ type: "network.settled", vpn: vpnA }) as const,
  (s: AgentSnapshot) => ({ type: "probe.done", workId: s.context.workId, mtu: 1372, evidence }) as const,
  (s: AgentSnapshot) => ({ type: "apply.done", workId: s.context.workId, mtu: 1372 }) as const,
  (s: AgentSnapshot) => ({ type: "verify.passed", workId: s.context.workId }) as const,
];

describe("state.json is derived from the machine's snapshot", () => {
  it("a verified MTU is persisted for its VPN", () => {
    const s = run(start(testInput())[0], connectAndVerify);
    expect(persistedFrom(s.context, { baselineMtu: 1500, known: {} })).toEqual({ baselineMtu: 1500, known: { [vpnKey(vpnA)]: 1372 } });
  });

  it("a baseline that follows the link is persisted; one fixed by the config leaves the stored value alone", () => {
    const follow = (fixed: boolean) =>
      run(start(testInput({ baselineFixed: fixed }))[0], [() => ({ type: "network.settled", vpn: null }), () => ({ type: "link.mtu", mtu: 1450 })]);
    expect(persistedFrom(follow(false).context, { baselineMtu: 1500, known: {} }).baselineMtu).toBe(1450);
    expect(persistedFrom(follow(true).context, { baselineMtu: 1480, known: {} }).baselineMtu).toBe(1480);
  });

  it("samePersisted compares values, so an unchanged step writes nothing", () => {
    expect(samePersisted({ baselineMtu: 1500, known: { a: 1 } }, { baselineMtu: 1500, known: { a: 1 } })).toBe(true);
    expect(samePersisted({ baselineMtu: 1500, known: { a: 1 } }, { baselineMtu: 1500, known: { a: 2 } })).toBe(false);
    expect(samePersisted({ baselineMtu: 1500, known: { a: 1 } }, { baselineMtu: 1500, known: { a: 1, b: 1 } })).toBe(false);
    expect(samePersisted({ baselineMtu: 1500, known: {} }, { baselineMtu: null, known: {} })).toBe(false);
  });
});
