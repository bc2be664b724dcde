import { locateJsonError } from "../json/syntaxError.js";

const BOM = "\uFEFF";

/**
 * Parses JSON text; a syntax error becomes one line with its line and column. A leading UTF-8
 * byte order mark, which some Windows editors write, is skipped. Pure.
 */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    const { line, column, reason } = locateJsonError(body);
    return { ok: false, problem: `not valid JSON at line ${line}, column ${column}: ${reason}` };
  }
}
