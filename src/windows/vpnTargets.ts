import type { Profile } from "../../machines/context.js";
import { probeUrl } from "../../machines/profiles.js";
import { vpnKey, type VpnInfo } from "../../machines/vpn.js";
import type { WindowsView } from "./view.js";

/** A VPN that has a probe target: the URL it is probed and verified with, routed through it. */
export interface VpnTarget {
  readonly vpn: VpnInfo;
  readonly url: string;
  /** The URL's IPv4 address; null when it did not resolve (then the default route decided). */
  readonly address: string | null;
}

/**
 * The VPNs up that have a probe target: its profile's `url`, else verify.url, when Windows routes
 * that URL's address through this VPN (an address that did not resolve goes by the default route).
 * A VPN whose URL Windows sends elsewhere has none: probing it would measure another path. In the
 * view's canonical order. Pure.
 */
export function vpnTargets(view: WindowsView, profiles: readonly Profile[], verifyUrl: string, addressOf: (url: string) => string | null): VpnTarget[] {
  return view.tunnels.flatMap((vpn) => {
    const url = probeUrl(profiles, vpn, verifyUrl);
    const address = addressOf(url);
    const carrier = view.carrier(address);
    return carrier !== null && vpnKey(carrier) === vpnKey(vpn) ? [{ vpn: carrier, url, address }] : [];
  });
}

/** The VPNs the last settled network put on paths: main's (the `vpn`) and the others' (`targets`), by key. */
export interface LastPaths {
  readonly main: string | null;
  readonly others: ReadonlySet<string>;
}

/**
 * The target's VPN (the one `network.settled` names as `vpn`, main's path): the one Windows routes
 * verify.url through when it has a target; else the VPN main had, while it still has a target
 * (main does not jump between VPNs); else one with a target that has no path of its own yet (a
 * VPN on its own path stays there: moving it to main would undo and redo its MTU); else null.
 * The rest with a target get their own paths. Pure.
 */
export function targetVpn(view: WindowsView, targets: readonly VpnTarget[], verifyAddress: string | null, last: LastPaths = { main: null, others: new Set() }): VpnTarget | null {
  const carrier = view.carrier(verifyAddress);
  const byKey = (key: string | null): VpnTarget | undefined => targets.find((t) => key !== null && vpnKey(t.vpn) === key);
  return byKey(carrier === null ? null : vpnKey(carrier)) ?? byKey(last.main) ?? targets.find((t) => !last.others.has(vpnKey(t.vpn))) ?? null;
}
