import { leaf, type Shape } from "./shape.js";

/** Leaf shapes of journal values. Numbers must be finite: a journal is untrusted input. */
export const str = leaf("a string", (v) => typeof v === "string");
export const bool = leaf("true or false", (v) => typeof v === "boolean");
export const count = leaf("a non-negative integer", (v) => Number.isSafeInteger(v) && (v as number) >= 0);
export const millis = leaf("a non-negative number of milliseconds", (v) => typeof v === "number" && Number.isFinite(v) && v >= 0);
export const mtu = leaf("an integer", (v) => Number.isSafeInteger(v));

/** One of a few literal values. */
export function oneOf(...values: readonly string[]): Shape {
  return leaf(`one of ${values.map((v) => JSON.stringify(v)).join(", ")}`, (v) => values.includes(v as string));
}
