/**
 * Escapes a value for HTML content and attribute values. Numbers too: a journal is untrusted, and
 * a "number" that reached the page is only as safe as the validation before it. Pure.
 */
export function esc(value: string | number): string {
  return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** JSON that can sit inside a `<script type="application/json">` without ending it. Pure. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
