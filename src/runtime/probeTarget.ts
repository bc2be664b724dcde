import { concatMap, type Observable } from "rxjs";
import type { Profile, ProbeTarget } from "../../machines/index.js";
import { probeUrl } from "../../machines/profiles.js";
import { outsideTunnel } from "../../machines/scope.js";
import { tunnelOf } from "../../machines/vpn.js";
import { errorMessage } from "../errors.js";
import type { Logger } from "../log/index.js";
import { resolveTarget } from "../probe/index.js";
import type { NetworkSettledEvent } from "../sources/settledNetwork.js";
import { withTimeout } from "./withTimeout.js";

export interface ProbeTargetOptions {
  readonly profiles: readonly Profile[];
  /** verify.url: the URL of VPNs whose profile names none. */
  readonly verifyUrl: string;
  readonly log: Logger;
  /** The URL's IPv4 address (default: DNS, as the probe resolves it). */
  readonly resolve?: (url: string) => Promise<string>;
  readonly timeoutMs?: number;
}

/**
 * Adds to each settled split-tunnel VPN the address its probe URL resolves to, so the machine can
 * tell (purely, and replayably: the address is journaled with the event) whether the tunnel carries
 * the target before it applies anything. Order is kept; a name that does not resolve adds nothing
 * (the probe then says why). Warns when the target lies outside the tunnel.
 */
export function withProbeTarget(network$: Observable<NetworkSettledEvent>, o: ProbeTargetOptions): Observable<NetworkSettledEvent> {
  const resolve = o.resolve ?? (async (url: string) => (await resolveTarget(url)).address);
  return network$.pipe(
    concatMap(async (e): Promise<NetworkSettledEvent> => {
      if (e.vpn === null || tunnelOf(e.vpn).kind !== "split") return e;
      const url = probeUrl(o.profiles, e.vpn, o.verifyUrl);
      const address = await withTimeout(resolve(url), o.timeoutMs ?? 5000).catch((error: unknown) => {
        o.log.warn({ url }, `cannot resolve ${url} to check it lies inside the split tunnel: ${errorMessage(error)}`);
        return null;
      });
      if (address === null) return e;
      const probeTarget: ProbeTarget = { url, address };
      const outside = outsideTunnel({ vpn: e.vpn, probeTarget });
      if (outside !== null) o.log.warn({ vpn: e.vpn.name, url, address }, outside);
      return { ...e, probeTarget };
    }),
  );
}
