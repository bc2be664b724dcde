import { escapeControl } from "../text/escapeControl.js";

/** Where a JSON text stops being JSON: 1-based line and column (in characters) and what is wrong there. */
export interface JsonSyntaxError {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

/**
 * Locates the first syntax error of a text `JSON.parse` rejected. V8 names the position for some
 * errors only ("Unexpected token" gives none, and echoes the raw text instead); this scanner
 * follows the JSON grammar without building values or recursing, so it is bounded by the text's
 * length whatever its nesting. Pure.
 */
export function locateJsonError(text: string): JsonSyntaxError {
  const { offset, reason } = scan(text);
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1, reason };
}

const WS = new Set([" ", "\t", "\n", "\r"]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_CHAR = /[^"\\\u0000-\u001f]*/y; // eslint-disable-line no-control-regex -- raw controls end a JSON string
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

function scan(text: string): { offset: number; reason: string } {
  let i = 0;
  const stack: ("[" | "{")[] = [];
  const skip = (): void => {
    while (i < text.length && WS.has(text[i] as string)) i++;
  };
  const fail = (reason: string): { offset: number; reason: string } => ({ offset: i, reason: i >= text.length ? "unexpected end of the text" : `${reason}, found ${escapeControl(JSON.stringify(text[i]))}` });
  const string = (): string | null => {
    i++;
    for (;;) {
      STRING_CHAR.lastIndex = i;
      STRING_CHAR.exec(text);
      i = STRING_CHAR.lastIndex;
      const c = text[i];
      if (c === '"') {
        i++;
        return null;
      }
      if (c !== "\\") return c === undefined ? "unterminated string" : "control character in a string (write it as \\n, \\t or \\u00XX)";
      ESCAPE.lastIndex = i;
      if (ESCAPE.exec(text) === null) {
        if (text.length - i < 6 && /^\\(u[0-9a-fA-F]*)?$/.test(text.slice(i))) i = text.length; // cut short, not wrong
        return "bad escape in a string";
      }
      i = ESCAPE.lastIndex;
    }
  };
  const key = (): string | null => {
    skip();
    if (text[i] !== '"') return "expected a property name in double quotes";
    const bad = string();
    if (bad !== null) return bad;
    skip();
    if (text[i] !== ":") return "expected ':' after the property name";
    i++;
    return null;
  };
  /** One scalar, or the opening of a container; null when it parsed. */
  const scalar = (): string | null => {
    const c = text[i];
    if (c === '"') return string();
    for (const word of ["true", "false", "null"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return null;
      }
      if (c !== undefined && word.startsWith(text.slice(i))) i = text.length; // cut short, not wrong
    }
    NUMBER.lastIndex = i;
    if (c !== undefined && NUMBER.exec(text) !== null) {
      i = NUMBER.lastIndex;
      return null;
    }
    return "expected a value";
  };
  // A loop over two states, never recursion: nesting depth must not reach the call stack.
  let wantValue = true;
  for (;;) {
    skip();
    if (wantValue) {
      const c = text[i];
      if (c === "{" || c === "[") {
        stack.push(c);
        i++;
        skip();
        if (text[i] === (c === "{" ? "}" : "]")) {
          stack.pop();
          i++;
          wantValue = false;
        } else if (c === "{") {
          const bad = key();
          if (bad !== null) return fail(bad);
        }
        continue;
      }
      const bad = scalar();
      if (bad !== null) return fail(bad);
      wantValue = false;
      continue;
    }
    const open = stack[stack.length - 1];
    if (open === undefined) return i < text.length ? fail("unexpected text after the JSON value") : { offset: i, reason: "not valid JSON" };
    const close = open === "{" ? "}" : "]";
    if (text[i] === close) {
      stack.pop();
      i++;
    } else if (text[i] === ",") {
      i++;
      if (open === "{") {
        const bad = key();
        if (bad !== null) return fail(bad);
      }
      wantValue = true;
    } else return fail(`expected ',' or '${close}'`);
  }
}
