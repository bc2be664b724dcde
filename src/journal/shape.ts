import { escapeControl } from "../text/escapeControl.js";
import { preview } from "../text/preview.js";

/** What is wrong with a value: where in it (`.sizes[2].mtu`), what was expected, what was there. */
export interface Mismatch {
  readonly path: string;
  readonly expected: string;
  readonly got: unknown;
}

/** Checks a parsed JSON value against an expected shape. Pure. */
export type Shape = (value: unknown) => Mismatch | null;

type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** A shape that is a single test on the value itself. */
export function leaf(expected: string, ok: (v: unknown) => boolean): Shape {
  return (v) => (ok(v) ? null : { path: "", expected, got: v });
}

/** `null` or the given shape. */
export function nullable(shape: Shape): Shape {
  return (v) => (v === null ? null : shape(v));
}

/** Absent (undefined) or the given shape. */
export function optional(shape: Shape): Shape {
  return (v) => (v === undefined ? null : shape(v));
}

/** An array whose every element has `shape`. */
export function arrayOf(shape: Shape): Shape {
  return (v) => {
    if (!Array.isArray(v)) return { path: "", expected: "an array", got: v };
    for (const [i, item] of v.entries()) {
      const m = shape(item);
      if (m !== null) return { ...m, path: `[${i}]${m.path}` };
    }
    return null;
  };
}

/** An object whose every value has `shape` (a map keyed by strings). */
export function recordOf(shape: Shape): Shape {
  return (v) => {
    if (!isObject(v)) return { path: "", expected: "an object", got: v };
    for (const [key, item] of Object.entries(v)) {
      const m = shape(item);
      if (m !== null) return { ...m, path: `[${preview(key, 64)}]${m.path}` };
    }
    return null;
  };
}

/**
 * An object with a shape per field of `T` (every field, optional ones too, so a field added to the
 * type without a check does not compile). Fields not in `T` are ignored.
 */
export function object<T>(fields: { readonly [K in keyof T]-?: Shape }): Shape {
  return (v) => {
    if (!isObject(v)) return { path: "", expected: "an object", got: v };
    for (const [key, shape] of Object.entries<Shape>(fields)) {
      const m = shape(v[key]);
      if (m !== null) return { ...m, path: `.${key}${m.path}` };
    }
    return null;
  };
}

/** One line for an error message: `input.profiles[0].mtu: expected ..., got 1e+300`, below `root`. Pure. */
export function describeMismatch(m: Mismatch, root = ""): string {
  const where = root === "" ? m.path.replace(/^\./, "") : `${root}${m.path}`;
  return `${escapeControl(where)}: expected ${m.expected}, got ${m.got === undefined ? "nothing" : preview(m.got)}`;
}
