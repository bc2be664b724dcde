import { ipv4Number } from "../../machines/cidr.js";
import { leaf, type Shape } from "./shape.js";

/** Leaf shapes of journal values. Numbers must be finite: a journal is untrusted input. */
export const str = leaf("a string", (v) => typeof v === "string");
export const bool = leaf("true or false", (v) => typeof v === "boolean");
export const count = leaf("a non-negative integer", (v) => Number.isSafeInteger(v) && (v as number) >= 0);
export const millis = leaf("a non-negative number of milliseconds", (v) => typeof v === "number" && Number.isFinite(v) && v >= 0);
/** IPv4 MTU limits: 68 is the smallest every IPv4 link must carry, 65535 the largest packet. */
export const MIN_MTU = 68;
export const MAX_MTU = 65535;
const inRange = (lo: number, hi: number) => (v: unknown) => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;
export const mtu = leaf(`an integer from ${MIN_MTU} to ${MAX_MTU}`, inRange(MIN_MTU, MAX_MTU));
/**
 * An MTU read from a Linux link (the baseline, the MTU in force, a WSL rewrite): whatever the kernel
 * reports, a 32-bit count (loopback has 65536 and takes up to 2^31 - 1), so a journal the agent
 * writes on any interface replays.
 */
export const MAX_LINK_MTU = 2 ** 32 - 1;
export const linkMtu = leaf(`an integer from 0 to ${MAX_LINK_MTU}`, inRange(0, MAX_LINK_MTU));
/** A Windows adapter's MTU as the agent accepts it from the watcher (src/windows/snapshot.ts). */
export const windowsMtu = leaf(`an integer from 1 to ${MAX_MTU}`, inRange(1, MAX_MTU));

/** A dotted-quad IPv4 address (the probe target's). */
export const ipv4 = leaf("an IPv4 address like 198.18.0.2", (v) => typeof v === "string" && ipv4Number(v) !== null);

/** One of a few literal values. */
export function oneOf(...values: readonly string[]): Shape {
  return leaf(`one of ${values.map((v) => JSON.stringify(v)).join(", ")}`, (v) => values.includes(v as string));
}

/** A Linux interface name as the kernel allows it (1 to 15 bytes, IFNAMSIZ less its NUL). */
export const ifaceName = leaf("an interface name of 1 to 15 characters", (v) => typeof v === "string" && v.length > 0 && Buffer.byteLength(v) <= 15);
