/**
 * True when `value` nests arrays and objects deeper than `max` levels. Walks with its own stack,
 * never recursion, so a 100,000-deep value costs time, not the call stack (on which
 * JSON.stringify and every recursive reader would fail). Pure.
 */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [v, depth] = item;
    if (v === null || typeof v !== "object") continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
  }
  return false;
}
