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

/**
 * The VPN that matters for verify.url (the target's VPN: the one `network.settled` names as `vpn`):
 * the one Windows routes verify.url through when it has a target, else the first VPN with a target
 * of its own (a profile URL); null when no VPN has one. Pure.
 */
export function targetVpn(view: WindowsView, targets: readonly VpnTarget[], verifyAddress: string | null): VpnTarget | null {
  const carrier = view.carrier(verifyAddress);
  return targets.find((t) => carrier !== null && vpnKey(t.vpn) === vpnKey(carrier)) ?? targets[0] ?? null;
}
