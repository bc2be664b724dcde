import { concatMap, type Observable } from "rxjs";
import { vpnKey, type PathTarget, type Profile, type ProbeTarget } from "../../machines/index.js";
import { probeUrl } from "../../machines/profiles.js";
import { errorMessage } from "../errors.js";
import type { Logger } from "../log/index.js";
import { resolveTarget } from "../probe/index.js";
import type { NetworkSettledEvent } from "../sources/settledNetwork.js";
import { describeTunnels } from "../windows/describeTunnel.js";
import type { WindowsView } from "../windows/view.js";
import { targetVpn, vpnTargets, type LastPaths } from "../windows/vpnTargets.js";
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
 * Turns each settled view of Windows into the `network.settled` event the machine sees: the VPN
 * Windows routes the probe target through (`vpn`, null when none does), the target and its address
 * (`probeTarget`), every tunnel up (`tunnels`), and every other VPN with a target of its own (a
 * profile URL routed through it: `targets`, each probed on its own path). Deciding needs DNS, so it happens here, and
 * the event carries the outcome: journaled, so replay decides the same. Order is kept; a URL that
 * does not resolve goes by the default route (the probe then says what is wrong).
 */
export function withProbeTarget(view$: Observable<WindowsView>, o: ProbeTargetOptions): Observable<NetworkSettledEvent> {
  const resolve = o.resolve ?? (async (url: string) => (await resolveTarget(url)).address);
  let last: LastPaths = { main: null, others: new Set() };
  return view$.pipe(
    concatMap(async (view): Promise<NetworkSettledEvent> => {
      if (view.tunnels.length === 0) {
        last = { main: null, others: new Set() };
        return { type: "network.settled", vpn: null };
      }
      const urls = new Set([o.verifyUrl, ...view.tunnels.map((t) => probeUrl(o.profiles, t, o.verifyUrl))]);
      const addresses = new Map<string, string | null>();
      for (const url of urls) {
        const address = await withTimeout(resolve(url), o.timeoutMs ?? 5000).catch((error: unknown) => {
          o.log.warn({ event: "target.unresolved", url }, `cannot resolve ${url} to tell which tunnel carries it (the default route decides): ${errorMessage(error)}`);
          return null;
        });
        addresses.set(url, address);
      }
      const addressOf = (url: string): string | null => addresses.get(url) ?? null;
      const targets = vpnTargets(view, o.profiles, o.verifyUrl, addressOf);
      const chosen = targetVpn(view, targets, addressOf(o.verifyUrl), last);
      last = { main: chosen === null ? null : vpnKey(chosen.vpn), others: new Set(targets.filter((t) => t !== chosen).map((t) => vpnKey(t.vpn))) };
      // Every other VPN with a target of its own gets its own path (machines/paths.ts).
      const others = targets.filter((t) => t !== chosen).map((t): PathTarget => ({ vpn: t.vpn, ...(t.address === null ? {} : { probeTarget: { url: t.url, address: t.address } }) }));
      const rest = { tunnels: view.tunnels, ...(others.length === 0 ? {} : { targets: others }) };
      if (chosen === null) {
        const address = addressOf(o.verifyUrl);
        if (others.length === 0) o.log.info({ event: "target.no_tunnel", tunnels: view.tunnels.map((t) => t.name), url: o.verifyUrl, address }, `tunnels up: ${describeTunnels(view.tunnels)}; none carries ${o.verifyUrl}${address === null ? "" : ` (${address})`}: nothing to do for it`);
        return { type: "network.settled", vpn: null, ...(address === null ? {} : { probeTarget: { url: o.verifyUrl, address } }), ...rest };
      }
      const probeTarget: ProbeTarget | null = chosen.address === null ? null : { url: chosen.url, address: chosen.address };
      return { type: "network.settled", vpn: chosen.vpn, ...(probeTarget === null ? {} : { probeTarget }), ...rest };
    }),
  );
}
