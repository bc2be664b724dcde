import { map, type Observable } from "rxjs";
import type { VpnInfo } from "../../machines/index.js";
import type { WindowsView } from "../../src/windows/view.js";
import type { RawLine } from "../../src/lines/splitLines.js";

/** A raw watcher line as splitLines would cut it. */
export function rawLine(text: string | Buffer, number = 1, overflow = false): RawLine {
  return { number, bytes: typeof text === "string" ? Buffer.from(text) : text, terminated: true, overflow };
}

/** A snapshot line with one adapter (status Up unless given). */
export function snapshotLine(name: string, description: string, mtu = 1400, status = "Up"): string {
  return JSON.stringify({ adapters: [{ name: "Ethernet", description: "Intel", status: "Up", mtu: 1500 }, { name, description, status, mtu }] });
}

export const noVpnLine = JSON.stringify({ adapters: [{ name: "Ethernet", description: "Intel", status: "Up", mtu: 1500 }] });

/** A settled view as the `network.settled` event of a target no split route names (the default route's VPN). */
export function defaultSettled(view: WindowsView): { type: "network.settled"; vpn: VpnInfo | null } {
  return { type: "network.settled", vpn: view.carrier(null) };
}

/** The views of a source as such events. */
export const settled = (views$: Observable<WindowsView>) => views$.pipe(map(defaultSettled));
