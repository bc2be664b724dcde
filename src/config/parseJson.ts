import { errorMessage } from "../errors.js";
/** Parses JSON text; a syntax error becomes one line with its line and column. Pure. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = errorMessage(error);
    // V8 reports "... in JSON at position N"; line and column are what an editor can jump to.
    const match = /(.*?) in JSON at position (\d+)/.exec(message);
    if (match === null) return { ok: false, problem: `not valid JSON: ${message}` };
    const offset = Number(match[2]);
    const before = text.slice(0, offset).split("\n");
    const line = before.length;
    const column = (before[before.length - 1]?.length ?? 0) + 1;
    return { ok: false, problem: `not valid JSON at line ${line}, column ${column}: ${match[1] ?? message}` };
  }
}
