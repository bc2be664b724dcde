import { escapeControl } from "./escapeControl.js";

/** Nesting shown before a value is summarised as `[…]` or `{…}`. */
const DEPTH = 4;

/**
 * A short, single-line, JSON-like rendering of any value for an error message: at most about
 * `maxChars` characters, control characters escaped, nesting beyond a few levels summarised. Its
 * cost depends on `maxChars`, not on the value: a 100 MB string or a 100,000-deep array is cut,
 * never stringified whole (JSON.stringify would overflow the stack on the latter). Pure.
 */
export function preview(value: unknown, maxChars = 40): string {
  // A string alone is cut before quoting, so the quotes stay whole: "abc…".
  if (typeof value === "string") return escapeControl(JSON.stringify(value.length > maxChars ? `${value.slice(0, maxChars)}…` : value));
  const out = { text: "", full: false };
  render(value, DEPTH, out, maxChars);
  return escapeControl(out.full ? `${out.text.slice(0, maxChars)}…` : out.text);
}

function render(value: unknown, depth: number, out: { text: string; full: boolean }, max: number): void {
  const put = (s: string): void => {
    if (out.full) return;
    out.text += s;
    if (out.text.length > max) out.full = true;
  };
  if (typeof value === "string") return put(JSON.stringify(value.slice(0, max + 1)));
  if (value === undefined) return put("undefined");
  if (value === null) return put("null");
  if (typeof value === "number" || typeof value === "boolean") return put(String(value));
  if (typeof value !== "object") return put(`<${typeof value}>`);
  const isArray = Array.isArray(value);
  if (depth === 0) return put(isArray ? "[…]" : "{…}");
  put(isArray ? "[" : "{");
  let first = true;
  for (const key in value) {
    if (out.full) return;
    if (!Object.hasOwn(value, key)) continue;
    if (!first) put(",");
    first = false;
    if (!isArray) put(`${JSON.stringify(key.slice(0, max + 1))}:`);
    render((value as Record<string, unknown>)[key], depth - 1, out, max);
  }
  put(isArray ? "]" : "}");
}
