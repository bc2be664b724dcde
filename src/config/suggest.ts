/** Levenshtein distance, for "did you mean" hints. Pure. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

const MAX_KEY = 64;

/** The closest candidate to a mistyped key (case differences, or a few edits for longer keys), if any. Pure. */
export function suggest(key: string, candidates: readonly string[]): string | undefined {
  // No key is this long: a hint would only cost time (edit distance is quadratic in the length).
  if (key.length > MAX_KEY) return undefined;
  const lower = key.toLowerCase();
  const exact = candidates.find((c) => c.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  let best: { c: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(lower, c.toLowerCase());
    if (d <= Math.min(2, Math.floor(key.length / 3)) && (best === undefined || d < best.d)) best = { c, d };
  }
  return best?.c;
}
