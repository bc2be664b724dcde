import { ConfigError } from "../errors.js";
import { compilePatterns } from "../windows/patterns.js";
import { describe, type Kind } from "./kinds.js";

/** compilePatterns' limit, repeated for the schema (a test holds the two together). */
export const MAX_VPN_PATTERN = 200;

/** Non-blank, no control characters: what compilePatterns accepts, as a JSON Schema (ECMA-262) pattern. */
const NO_CONTROL = "[^\\u0000-\\u001f\\u007f]";
export const VPN_PATTERN_SCHEMA_PATTERN = `^${NO_CONTROL}*[^\\s\\u0000-\\u001f\\u007f]${NO_CONTROL}*$`;

const expected = `a non-empty array of patterns (non-blank strings of at most ${MAX_VPN_PATTERN} characters, no control characters)`;

/**
 * `windows.vpnPatterns`: checked by compilePatterns itself, the function the agent compiles them
 * with, so `config check` and `run` cannot disagree. Pure.
 */
export const vpnPatternList: Kind<readonly string[]> = {
  expected,
  schema: { type: "array", minItems: 1, items: { type: "string", minLength: 1, maxLength: MAX_VPN_PATTERN, pattern: VPN_PATTERN_SCHEMA_PATTERN } },
  check: (v, path) => {
    if (!Array.isArray(v) || v.length === 0) return [`${path}: expected ${expected}, got ${Array.isArray(v) ? "an empty array" : describe(v)}`];
    try {
      compilePatterns(v, path);
      return [];
    } catch (error) {
      if (error instanceof ConfigError) return [...error.problems];
      throw error;
    }
  },
};
