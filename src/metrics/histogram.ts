/** A Prometheus histogram as data: cumulative counts per upper bound (`le`), their sum and count. */
export interface Histogram {
  readonly buckets: readonly { readonly le: number; readonly count: number }[];
  readonly sum: number;
  readonly count: number;
}

/** An empty histogram over these upper bounds (ascending; +Inf is implied by `count`). Pure. */
export function emptyHistogram(bounds: readonly number[]): Histogram {
  return { buckets: bounds.map((le) => ({ le, count: 0 })), sum: 0, count: 0 };
}

/** The histogram after one more observation. Pure. */
export function observe(h: Histogram, value: number): Histogram {
  return { buckets: h.buckets.map((b) => (value <= b.le ? { le: b.le, count: b.count + 1 } : b)), sum: h.sum + value, count: h.count + 1 };
}
