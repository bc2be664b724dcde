import type fc from "fast-check";
import type { VpnInfo } from "../../../machines/index.js";
import { agree, decide, type Model, type Real } from "./model.js";

/** Windows reports a VPN (a new one, or the same adapter with another MTU hint). */
export class ConnectCommand implements fc.Command<Model, Real> {
  constructor(readonly vpn: VpnInfo) {}
  check(m: Readonly<Model>): boolean {
    return m.vpn === null || m.vpn.name !== this.vpn.name || m.vpn.mtuHint !== this.vpn.mtuHint;
  }
  run(m: Model, r: Real): void {
    r.h.send({ type: "network.settled", vpn: this.vpn });
    m.vpn = this.vpn;
    decide(m);
    agree(m, r);
  }
  toString(): string {
    return `connect(${this.vpn.name}, hint ${this.vpn.mtuHint})`;
  }
}

/** Windows reports that no VPN is up any more. */
export class DisconnectCommand implements fc.Command<Model, Real> {
  check(m: Readonly<Model>): boolean {
    return m.vpn !== null;
  }
  run(m: Model, r: Real): void {
    r.h.send({ type: "network.settled", vpn: null });
    m.vpn = null;
    m.target = null;
    m.phase = m.kernel === m.baseline ? "direct" : "restoring";
    agree(m, r);
  }
  toString(): string {
    return "disconnect";
  }
}
