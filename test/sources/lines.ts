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
