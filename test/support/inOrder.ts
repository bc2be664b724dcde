import { expect } from "vitest";

/** Asserts that each pattern matches `out` after where the one before it matched (a story told in order). */
export function expectInOrder(out: string, patterns: readonly RegExp[]): void {
  let from = 0;
  for (const line of patterns) {
    const at = out.slice(from).search(line);
    expect(at, `${String(line)} after offset ${from} in:\n${out}`).toBeGreaterThanOrEqual(0);
    from += at;
  }
}
