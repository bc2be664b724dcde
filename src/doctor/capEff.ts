/** Capability bit numbers from linux/capability.h. */
export const CAP = { NET_ADMIN: 12n, NET_RAW: 13n } as const;

/** The effective capability set (CapEff) in /proc/PID/status text, as printed and as bits; null when absent. Pure. */
export function effectiveCaps(statusText: string | null): { readonly hex: string; readonly bits: bigint } | null {
  const hex = statusText?.match(/^CapEff:\s*([0-9a-f]+)\s*$/im)?.[1];
  return hex === undefined ? null : { hex, bits: BigInt(`0x${hex}`) };
}

/** True when capability `bit` is set in `bits`. Pure. */
export function hasCap(bits: bigint, bit: bigint): boolean {
  return (bits & (1n << bit)) !== 0n;
}
