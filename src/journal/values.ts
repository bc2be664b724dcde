import { ipv4Number } from "../../machines/cidr.js";
import { isKernelIfaceName } from "../link/ifaceName.js";
import { inMtuBounds, MTU_BOUNDS, type MtuBounds } from "../link/mtuBounds.js";
import { leaf, type Shape } from "./shape.js";

/** Leaf shapes of journal values. Numbers must be finite: a journal is untrusted input. */
export const str = leaf("a string", (v) => typeof v === "string");
export const bool = leaf("true or false", (v) => typeof v === "boolean");
export const count = leaf("a non-negative integer", (v) => Number.isSafeInteger(v) && (v as number) >= 0);
export const millis = leaf("a non-negative number of milliseconds", (v) => typeof v === "number" && Number.isFinite(v) && v >= 0);
/** An MTU in `bounds`, said as "an integer from MIN to MAX". */
const mtuIn = (bounds: MtuBounds): Shape => leaf(`an integer from ${bounds.min} to ${bounds.max}`, (v) => inMtuBounds(v, bounds));
/** An MTU the agent sets or probes: any IPv4 MTU. */
export const mtu = mtuIn(MTU_BOUNDS.ipv4);
/**
 * An MTU read from a Linux link (the baseline, the MTU in force, a WSL rewrite): whatever the kernel
 * reports, so a journal the agent writes on any interface replays.
 */
export const linkMtu = mtuIn(MTU_BOUNDS.link);
/** A Windows adapter's MTU as the agent accepts it from the watcher (src/windows/snapshot.ts). */
export const windowsMtu = mtuIn(MTU_BOUNDS.windows);

/** A dotted-quad IPv4 address (the probe target's). */
export const ipv4 = leaf("an IPv4 address like 198.18.0.2", (v) => typeof v === "string" && ipv4Number(v) !== null);

/** One of a few literal values. */
export function oneOf(...values: readonly string[]): Shape {
  return leaf(`one of ${values.map((v) => JSON.stringify(v)).join(", ")}`, (v) => values.includes(v as string));
}

/** A Linux interface name as the kernel allows it: every name the agent journals came from the kernel or a valid config. */
export const ifaceName = leaf("an interface name of 1 to 15 characters (at most 15 bytes; no '/', ':', whitespace or control characters)", isKernelIfaceName);
