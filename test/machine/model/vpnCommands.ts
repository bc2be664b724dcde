import type fc from "fast-check";
import { sameVpn, type IfaceInfo, type VpnInfo } from "../../../machines/index.js";
import { agree, decide, type Model, type Real } from "./model.js";

/** Windows reports a VPN (a new one, or the same adapter with another MTU hint). */
export class ConnectCommand implements fc.Command<Model, Real> {
  constructor(readonly vpn: VpnInfo) {}
  check(m: Readonly<Model>): boolean {
    return !sameVpn(m.vpn, this.vpn);
  }
  run(m: Model, r: Real): void {
    // Split tunnels carry the lab's server, the probe target (198.19.0.0/24).
    r.h.send({ type: "network.settled", vpn: this.vpn, probeTarget: { url: "https://198.19.0.2/", address: "198.19.0.2" } });
    m.vpn = this.vpn;
    decide(m);
    agree(m, r);
  }
  toString(): string {
    return `connect(${this.vpn.name}, hint ${this.vpn.mtuHint}, ${this.vpn.tunnel?.kind ?? "full"} tunnel)`;
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
    m.phase = m.kernel === m.baseline && m.routes === null ? "direct" : "restoring";
    agree(m, r);
  }
  toString(): string {
    return "disconnect";
  }
}

/** The VPN stays, but the route to the target now leaves through another interface (mirrored networking). */
export class RouteMovesCommand implements fc.Command<Model, Real> {
  constructor(readonly iface: IfaceInfo) {}
  check(m: Readonly<Model>): boolean {
    return m.vpn !== null && m.iface !== this.iface.name;
  }
  run(m: Model, r: Real): void {
    r.h.send({ type: "network.settled", vpn: m.vpn, iface: this.iface });
    // The interface left gets its baseline back (not modelled: the machine no longer manages it).
    m.iface = this.iface.name;
    m.kernel = this.iface.mtu;
    m.baseline = this.iface.mtu;
    decide(m);
    agree(m, r);
  }
  toString(): string {
    return `route moves to ${this.iface.name} (mtu ${this.iface.mtu})`;
  }
}
