import { readMtu, setMtu } from "./linkMtu.js";
import { describeFailure } from "./run.js";
import { verifyHttps, type VerifyOptions, type VerifyResult } from "./verifyHttps.js";

export type ApplyOutcome =
  | { readonly ok: true; readonly iface: string; readonly previous: number; readonly mtu: number; readonly verify: VerifyResult }
  | { readonly ok: false; readonly stage: "apply"; readonly iface: string; readonly previous: number; readonly mtu: number; readonly reason: string }
  | {
      readonly ok: false;
      readonly stage: "verify";
      readonly iface: string;
      readonly previous: number;
      readonly mtu: number;
      readonly reason: string;
      readonly verify: VerifyResult;
      /** True when the MTU in force before the apply was restored. */
      readonly rolledBack: boolean;
      readonly rollbackError?: string;
    };

/**
 * Sets `iface` to `mtu`, verifies with a real HTTPS request, and restores the MTU in force before
 * the apply when the verification fails (the rollback the machine relies on).
 */
export async function applyVerifyRollback(iface: string, mtu: number, verify: VerifyOptions): Promise<ApplyOutcome> {
  const netns = { netns: verify.netns };
  const previous = await readMtu(iface, netns);
  const set = await setMtu(iface, mtu, netns);
  if (!set.ok) return { ok: false, stage: "apply", iface, previous, mtu, reason: describeFailure(set) };
  const v = await verifyHttps(verify);
  if (v.ok) return { ok: true, iface, previous, mtu, verify: v };
  const back = await setMtu(iface, previous, netns);
  const base = { ok: false, stage: "verify", iface, previous, mtu, reason: v.reason, verify: v } as const;
  return back.ok ? { ...base, rolledBack: true } : { ...base, rolledBack: false, rollbackError: describeFailure(back) };
}
