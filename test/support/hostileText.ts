import fc from "fast-check";

/** Characters that hurt: terminal controls, line breaks, NUL, C1, Unicode separators, lone surrogates, a BOM. */
const nasty = fc.constantFrom("\u0000", "\u0007", "\u001b", "\u001b[2J", "\u001b]0;x\u0007", "\n", "\r", "\t", "\u007f", "\u009b", "\u2028", "\u2029", "\ud800", "\ufeff", '"', "\\", "é", "\u{1F600}");

/** Text with terminal escapes, line breaks and other hostile characters mixed into ordinary ones. */
export const hostileText = (maxLength = 60): fc.Arbitrary<string> =>
  fc.array(fc.oneof(nasty, fc.string({ maxLength: 4 }), fc.string({ unit: "binary", maxLength: 4 })), { maxLength }).map((parts) => parts.join(""));

/** Names JavaScript objects already have: a lookup by one of them must not find a prototype member. */
export const prototypeKey = fc.constantFrom("__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "prototype");

/** Keys for hostile objects: prototype names, escapes, and plain text. */
export const hostileKey = fc.oneof(prototypeKey, hostileText(12), fc.string({ maxLength: 8 }));

/** A JSON value nested `depth` levels deep in arrays or objects. */
export const deepJson = fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.boolean()).map(([depth, arrays]) => (arrays ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`));

/** True when `text` holds a control character other than the newlines that separate lines. */
// eslint-disable-next-line no-control-regex -- control characters are what must not be printed
export const hasControlBesidesNewline = (text: string): boolean => /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/.test(text);
