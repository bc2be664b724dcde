import { inlineText } from "../text/escapeControl.js";
import { preview } from "../text/preview.js";

/** A JSON Schema fragment (only the keywords this package uses). */
export type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * One kind of config value: how to check it, how to say what is expected, and its JSON Schema.
 * `T` is the TypeScript type a valid value has; it ties `keys.ts` to `AgentConfig`.
 */
export interface Kind<T> {
  /** What a valid value looks like, for messages and docs: "an integer from 576 to 9000". */
  readonly expected: string;
  /** One line per problem with `value` at `path`; empty when valid. Pure. */
  readonly check: (value: unknown, path: string) => string[];
  readonly schema: JsonSchema;
  /** Type-level only: never set. */
  readonly _type?: T;
}

/** A short, safe rendering of a bad value for a problem line: bounded and escaped whatever the value. Pure. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value !== null && typeof value === "object") return "an object";
  return preview(value, 40);
}

/** A key from the file as a problem line shows it: escaped, and cut when long. Pure. */
export function keyText(key: string): string {
  return inlineText(key, 64);
}

function kind<T>(expected: string, schema: JsonSchema, ok: (v: unknown) => boolean): Kind<T> {
  return { expected, schema, check: (v, path) => (ok(v) ? [] : [`${path}: expected ${expected}, got ${describe(v)}`]) };
}

/** An integer in [min, max]. Pure. */
export function integer(min: number, max: number): Kind<number> {
  return kind(`an integer from ${min} to ${max}`, { type: "integer", minimum: min, maximum: max }, (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max);
}

export const boolean: Kind<boolean> = kind("true or false", { type: "boolean" }, (v) => typeof v === "boolean");

/**
 * A non-empty string matching `pattern` (described by `what`), of at most `maxLength` characters
 * and, where the kernel counts bytes (socket paths, interface names), at most `maxBytes` bytes of
 * UTF-8. Pure.
 */
export function text(what: string, pattern?: RegExp, maxLength?: number, maxBytes?: number): Kind<string> {
  const schema: Record<string, unknown> = { type: "string", minLength: 1 };
  if (maxLength !== undefined) schema.maxLength = maxLength;
  if (pattern !== undefined) schema.pattern = pattern.source;
  const ok = (v: unknown): boolean =>
    typeof v === "string" &&
    v.length > 0 &&
    (maxLength === undefined || v.length <= maxLength) &&
    (maxBytes === undefined || Buffer.byteLength(v) <= maxBytes) &&
    (pattern === undefined || pattern.test(v));
  return kind(what, schema, ok);
}

/** One of a few fixed strings. Pure. */
export function oneOf<const T extends string>(values: readonly T[]): Kind<T> {
  const expected = `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`;
  return kind(expected, { type: "string", enum: [...values] }, (v) => typeof v === "string" && (values as readonly string[]).includes(v));
}

/** The literal `lit` or a value of `inner`. Pure. */
export function literalOr<const L extends string, T>(lit: L, inner: Kind<T>): Kind<L | T> {
  const expected = `${JSON.stringify(lit)} or ${inner.expected}`;
  return kind(expected, { oneOf: [{ const: lit }, inner.schema] }, (v) => v === lit || inner.check(v, "").length === 0);
}

/** `null` (meaning "the built-in default") or a value of `inner`. Pure. */
export function nullable<T>(inner: Kind<T>): Kind<T | null> {
  const expected = `${inner.expected}, or null`;
  // Say "or null" where the inner kind names itself; problems of items keep their own wording.
  const own = (line: string, path: string): string => line.replace(`${path}: expected ${inner.expected},`, `${path}: expected ${expected},`);
  return {
    expected,
    schema: { oneOf: [{ type: "null" }, inner.schema] },
    check: (v, path) => (v === null ? [] : inner.check(v, path).map((line) => own(line, path))),
  };
}

/** An array of at least `minItems` values of `item`; each bad item is its own problem. Pure. */
export function arrayOf<T>(item: Kind<T>, minItems: number, items: string): Kind<readonly T[]> {
  const expected = minItems > 0 ? `a non-empty array of ${items}` : `an array of ${items}`;
  return {
    expected,
    schema: { type: "array", minItems, items: item.schema },
    check: (v, path) => {
      if (!Array.isArray(v) || v.length < minItems) return [`${path}: expected ${expected}, got ${Array.isArray(v) ? "an empty array" : describe(v)}`];
      return v.flatMap((x, i) => item.check(x, `${path}[${i}]`));
    },
  };
}

type Fields<T> = { readonly [K in keyof T]: Kind<T[K]> };

/** An object with these fields and no others; all required but those named in `optional`. Pure. */
export function record<T>(what: string, fields: Fields<T>, optional: readonly (keyof T & string)[] = []): Kind<T> {
  const entries: [string, Kind<unknown>][] = Object.entries(fields as Record<string, Kind<unknown>>);
  const required = (k: string): boolean => !(optional as readonly string[]).includes(k);
  const schema = {
    type: "object",
    additionalProperties: false,
    required: entries.map(([k]) => k).filter(required),
    properties: Object.fromEntries(entries.map(([k, f]) => [k, f.schema])),
  };
  return {
    expected: what,
    schema,
    check: (v, path) => {
      if (v === null || typeof v !== "object" || Array.isArray(v)) return [`${path}: expected ${what}, got ${describe(v)}`];
      const obj = v as Record<string, unknown>;
      // Own keys only: "constructor" or "__proto__" must not pass as fields inherited from Object.prototype.
      const unknown = Object.keys(obj).filter((k) => !Object.hasOwn(fields, k)).map((k) => `${path}.${keyText(k)}: unknown key (expected only ${entries.map(([n]) => n).join(", ")})`);
      const fieldProblems = entries.flatMap(([k, f]) =>
        Object.hasOwn(obj, k) ? f.check(obj[k], `${path}.${k}`) : required(k) ? [`${path}.${k}: missing (expected ${f.expected})`] : [],
      );
      return [...unknown, ...fieldProblems];
    },
  };
}
