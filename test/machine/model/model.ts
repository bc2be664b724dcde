import { expect } from "vitest";
import { routesFor, vpnKey, type VpnInfo } from "../../../machines/index.js";
import { testInput } from "../../support/input.js";
import type { Harness } from "../harness.js";

export type Phase =
  | "direct" | "restoring" | "restoreWait" | "probing" | "applying" | "verifying" | "applied" | "checking" | "degraded";

/** The simple model the machine is checked against: what phase it is in and what the kernel holds. */
export interface Model {
  phase: Phase;
  vpn: VpnInfo | null;
  /** The MTU the kernel holds on the managed interface, and that interface's baseline and name. */
  kernel: number;
  /** MTU of the agent's routes in the kernel; null: none. */
  routes: number | null;
  baseline: number;
  iface: string;
  target: { mtu: number; source: "probe" | "profile" | "known" } | null;
  known: Map<string, number>;
  readonly profiles: readonly { match: string; mtu?: number }[];
}

export interface Real {
  readonly h: Harness;
}

const stateOf: Record<Phase, string> = {
  direct: "Direct.idle",
  restoring: "Direct.restoring",
  restoreWait: "Direct.restoreWait",
  probing: "Probing",
  applying: "VpnDetected.applying",
  verifying: "VpnDetected.verifying",
  applied: "Applied.steady",
  checking: "Applied.checking",
  degraded: "Degraded",
};

/** What the model expects a VPN (re)evaluation to lead to: profile, then known MTU, then a probe. */
export function decide(m: Model): void {
  const vpn = m.vpn;
  if (vpn === null) return;
  const profile = m.profiles.find((p) => `${vpn.name} ${vpn.description}`.toLowerCase().includes(p.match));
  const known = m.known.get(vpnKey(vpn));
  if (profile?.mtu !== undefined) {
    m.target = { mtu: profile.mtu, source: "profile" };
    m.phase = "applying";
  } else if (known !== undefined) {
    m.target = { mtu: known, source: "known" };
    m.phase = "applying";
  } else {
    m.phase = "probing";
  }
}

/** True when the model's VPN gets its MTU on routes (apply.scope auto: a split tunnel). */
export function onRoutes(m: Readonly<Model>): boolean {
  return routesFor(testInput(), m.vpn) !== null;
}

/** The machine agrees with the model on the state and on what the kernel holds: interface MTU and routes. */
export function agree(m: Model, r: Real): void {
  expect(r.h.state).toBe(stateOf[m.phase]);
  expect(r.h.kernelMtu).toBe(m.kernel);
  expect(r.h.kernelRoutes?.mtu ?? null).toBe(m.routes);
}

/** Answers the apply the machine is waiting for (the current one), as the kernel would. */
export function answerApply(r: Real, ok: boolean): void {
  const workId = r.h.snapshot.context.workId;
  const a = r.h.applies.find((x) => x.workId === workId);
  if (a === undefined) throw new Error(`no pending apply for work ${workId}`);
  r.h.applies = r.h.applies.filter((x) => x !== a);
  const routes = a.routes === undefined ? {} : { routes: a.routes };
  r.h.send(ok ? { type: "apply.done", workId, mtu: a.mtu, ...routes } : { type: "apply.failed", workId, mtu: a.mtu, reason: "EPERM", ...routes });
}
