import type { AgentInput, VpnInfo } from "../../machines/index.js";

/** A machine input for tests; override what the test is about. */
export function testInput(overrides: Partial<AgentInput> = {}): AgentInput {
  return {
    minMtu: 1280,
    maxMtu: 1500,
    baselineMtu: 1500,
    baselineFixed: false,
    currentMtu: 1500,
    profiles: [],
    known: {},
    healthIntervalMs: 60_000,
    retryBaseMs: 1_000,
    retryMaxMs: 60_000,
    restoreOnStop: true,
    ...overrides,
  };
}

export const vpnA: VpnInfo = { name: "Ethernet 3", description: "Cisco AnyConnect Secure Mobility Client", mtuHint: 1400 };
export const vpnA2: VpnInfo = { ...vpnA, mtuHint: 1350 };
export const vpnB: VpnInfo = { name: "PANGP", description: "PANGP Virtual Ethernet Adapter", mtuHint: 1420 };

/** A split tunnel: the VPN carries only the corporate prefix (the lab's server side, 198.19.0.0/24). */
export const splitA: VpnInfo = { ...vpnA, tunnel: { kind: "split", prefixes: ["198.19.0.0/24"] } };
/** The same VPN after its prefixes changed while connected. */
export const splitA2: VpnInfo = { ...vpnA, tunnel: { kind: "split", prefixes: ["10.0.0.0/8", "198.19.0.0/24"] } };
