import type { VpnInfo } from "../../machines/vpn.js";
import { carrierOf, tunnelsUp, type Classifier } from "./classify.js";
import { isUp } from "./defaultRoute.js";
import type { NetworkSnapshot } from "./snapshot.js";

/** Most tunnels a settled network names (journal lines stay bounded); Windows rarely has more than a few up. */
export const MAX_TUNNELS = 16;

/** What a settled Windows snapshot says about VPNs: which are up, and which one carries a given address. */
export interface WindowsView {
  /** Every VPN adapter that is up (at most MAX_TUNNELS), in a canonical order. */
  readonly tunnels: readonly VpnInfo[];
  /** The VPN Windows routes `address` through; null: the adapter carrying it is no VPN. `address` null: not known. */
  carrier(address: string | null): VpnInfo | null;
  /** Equal for two snapshots whose Up adapters route alike: a heartbeat changes nothing. */
  readonly key: string;
}

/** The view of one snapshot. Pure. */
export function viewOf(snapshot: NetworkSnapshot, c: Classifier): WindowsView {
  const up = snapshot.adapters.filter(isUp).map((a) => JSON.stringify([a.name, a.description, a.mtu, a.defaultRoute, a.metric, a.virtual, a.interfaceType, a.routes]));
  return {
    tunnels: tunnelsUp(snapshot, c).slice(0, MAX_TUNNELS),
    carrier: (address) => carrierOf(snapshot, c, address),
    key: up.sort().join("\n"),
  };
}
