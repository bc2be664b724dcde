/**
 * Effects the machine asks for. They are named here and implemented in `src/effects`; the machine
 * only emits them as action objects, it never runs them.
 */
export type ApplyReason = "apply" | "rollback" | "restore";

export interface EffectParams {
  readonly startProbe: { readonly workId: number; readonly hint: number | null; readonly minMtu: number; readonly maxMtu: number };
  readonly cancelProbe: { readonly workId: number };
  readonly applyMtu: { readonly workId: number; readonly mtu: number; readonly reason: ApplyReason };
  readonly verify: { readonly workId: number; readonly mtu: number };
  readonly scheduleTimer: { readonly timer: "health" | "retry"; readonly id: number; readonly delayMs: number };
  readonly cancelTimer: { readonly timer: "health" | "retry" };
}

export type EffectName = keyof EffectParams;

/** An effect as the runtime receives it from `transition()`. */
export type Effect = { [K in EffectName]: { readonly type: K; readonly params: EffectParams[K] } }[EffectName];

export const effectNames: readonly EffectName[] = [
  "startProbe",
  "cancelProbe",
  "applyMtu",
  "verify",
  "scheduleTimer",
  "cancelTimer",
];
