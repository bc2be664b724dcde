/**
 * Characters a terminal may act on: C0 controls (newline, ESC, BEL...), DEL, C1 controls (8-bit
 * CSI/OSC) and the Unicode line and paragraph separators, which some terminals and editors treat as
 * a new line.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const SHORT: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * `text` with every control character written as an escape (`\n`, `\t`, `\x1b`, `\u2028`), so
 * text from Windows, a journal or the status socket prints as one inert line: it can neither move
 * the cursor, change colours or the window title, nor forge a line of our own output. Pure.
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => SHORT[c] ?? escapeCode(c.charCodeAt(0)));
}

function escapeCode(code: number): string {
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** True when `text` holds a character `escapeControl` would escape. Pure. */
export function hasControl(text: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(text);
  CONTROL.lastIndex = 0;
  return found;
}

/**
 * Untrusted text as one inert piece of a line: at most `maxChars` characters of it (then `…`),
 * control characters escaped. Pure.
 */
export function inlineText(text: string, maxChars: number): string {
  return escapeControl(text.length > maxChars ? `${text.slice(0, maxChars)}…` : text);
}

/**
 * JSON text with the controls JSON.stringify leaves raw (DEL, C1, U+2028/2029) written as `\u`
 * escapes: still the same JSON, but inert on a terminal. They can only occur inside strings. Pure.
 */
export function inertJson(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
