/** An inclusive range of MTUs. */
export interface MtuBounds {
  readonly min: number;
  readonly max: number;
}

/**
 * Every MTU range the agent checks, by where the value comes from, so each validator names its
 * range instead of repeating numbers. They differ on purpose: a journal or the probe command may
 * hold any IPv4 MTU, while a config keeps to sane values.
 */
export const MTU_BOUNDS = {
  /** Any IPv4 link: 68 every IPv4 link must carry, 65535 the largest packet (journal MTUs, `probe --min/--max/--hint`). */
  ipv4: { min: 68, max: 65_535 },
  /** A configured MTU: 576, the IPv4 minimum reassembly size, to 9000, jumbo frames. */
  config: { min: 576, max: 9000 },
  /** An MTU the MSS clamp follows: its MSS (MTU less 60 bytes of IPv6 + TCP headers) stays sensible from 576. */
  clamp: { min: 576, max: 65_535 },
  /** A Windows adapter's MTU as the watcher reports it. */
  windows: { min: 1, max: 65_535 },
  /** What the kernel reports for a link (a 32-bit count: loopback has 65536 and takes up to 2^31 - 1). */
  link: { min: 0, max: 2 ** 32 - 1 },
} as const satisfies Record<string, MtuBounds>;

/** Linux removes every IPv6 address of an interface whose MTU goes below this (RFC 8200's minimum link MTU). */
export const IPV6_MIN_MTU = 1280;

/** True for an integer inside `bounds`. Pure. */
export function inMtuBounds(v: unknown, bounds: MtuBounds): v is number {
  return Number.isInteger(v) && (v as number) >= bounds.min && (v as number) <= bounds.max;
}
