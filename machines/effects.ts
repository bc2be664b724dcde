/**
 * Effects the machine asks for. They are named here and implemented in `src/effects`; the machine
 * only emits them as action objects, it never runs them.
 */
export type ApplyReason = "apply" | "rollback" | "restore";

/** `path` on any effect: the other VPN's path it belongs to (machines/paths.ts); absent: main. Its result carries it back. */
type OnPath<T> = T & { readonly path?: string };

interface Params {
  /** `url`: the matching profile's URL; absent: verify.url. */
  readonly startProbe: { readonly workId: number; readonly hint: number | null; readonly minMtu: number; readonly maxMtu: number; readonly url?: string };
  readonly cancelProbe: { readonly workId: number };
  /**
   * Without `routes`: set the interface MTU. With `routes`: make the agent's main-table routes
   * exactly these prefixes at `mtu` (those no longer listed are removed); `[]` removes them all,
   * and `mtu` is then the baseline, for the record.
   */
  readonly applyMtu: { readonly workId: number; readonly mtu: number; readonly reason: ApplyReason; readonly routes?: readonly string[];
    /** The interface to set; null when the machine does not know its name (the configured one). */
    readonly iface: string | null;
  };
  readonly verify: { readonly workId: number; readonly mtu: number; readonly url?: string };
  readonly scheduleTimer: { readonly timer: "health" | "retry"; readonly id: number; readonly delayMs: number };
  readonly cancelTimer: { readonly timer: "health" | "retry" };
}

export type EffectParams = { readonly [K in keyof Params]: OnPath<Params[K]> };

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
