import type { SizeResult } from "../../machines/evidence.js";
import { deviceMaxMtu, raiseForProbe, type PinSlot, type Raised } from "./raise.js";

export type { Raised } from "./raise.js";

/**
 * How high the probe may go when `dev`'s MTU is below `max`: the interface raised (to `max`, or
 * the most the device accepts) with its routes pinned, or, when that cannot be done, the
 * interface's MTU as before. `note` says which, for the evidence.
 */
export async function raiseCeiling(dev: string, linkMtu: number, max: number, pin: PinSlot): Promise<{ max: number; raised: Raised | null; note: string }> {
  const top = Math.min(max, (await deviceMaxMtu(dev)) ?? max);
  if (top <= linkMtu) return { max: linkMtu, raised: null, note: `${dev} MTU is ${linkMtu} and the device takes no more: probing up to ${linkMtu}` };
  const r = await raiseForProbe(dev, linkMtu, top, pin);
  if (!r.ok) return { max: linkMtu, raised: null, note: `${dev} MTU is ${linkMtu}; cannot raise it to probe above (${r.reason}): probing up to ${linkMtu}` };
  return { max: top, raised: r.raised, note: `${dev} MTU is ${linkMtu}: raised to ${top} while probing, its routes pinned at ${linkMtu} (table ${pin.table}, rule ${pin.priority})` };
}

/** Gives the raise up mid-probe (the sequential fallback cannot use it): the interface back, results above it dropped. */
export async function lowerCeiling(raised: Raised, results: Map<number, SizeResult>, warn: (text: string) => void): Promise<number> {
  const problem = await raised.undo();
  if (problem !== null) warn(problem);
  for (const mtu of results.keys()) if (mtu > raised.from) results.delete(mtu);
  return raised.from;
}
