import { and, not, or } from "xstate";

export type CombinatorOp = "and" | "or" | "not";

/** What a built-in guard carries: xstate keeps the combined guards on the function object. */
interface BuiltinGuard {
  readonly check?: unknown;
  readonly guards?: readonly unknown[];
}

// Told apart by their `check` function, never by the function's name: a bundler renames
// xstate's inner `function and` to `and2` (esbuild does in dist/cli.js), the identity stays.
const ops = new Map<unknown, CombinatorOp>([
  [(and([]) as BuiltinGuard).check, "and"],
  [(or([]) as BuiltinGuard).check, "or"],
  [(not("") as BuiltinGuard).check, "not"],
]);

/** An `and`/`or`/`not` guard as its operator and operands, or null for any other guard. Pure. */
export function combinator(guard: unknown): { readonly op: CombinatorOp; readonly guards: readonly unknown[] } | null {
  if (typeof guard !== "function") return null;
  const { check, guards } = guard as BuiltinGuard;
  const op = ops.get(check);
  return op === undefined || !Array.isArray(guards) ? null : { op, guards };
}
