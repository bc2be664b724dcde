/**
 * Longest label value written, in code points. Adapter descriptions come from Windows (hostile):
 * a bound keeps one series small whatever a watcher prints. Windows itself stops at 256.
 */
export const MAX_LABEL_CHARS = 128;

// eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * A label value as the agent writes it: control characters other than newline and lone surrogates
 * (not UTF-8) become U+FFFD, and a value longer than MAX_LABEL_CHARS is cut to fit with "…" at its
 * end. Two names that agree on their first characters then share one series. Pure.
 */
export function boundLabel(value: string): string {
  const clean = value.replace(LONE_SURROGATE, "\ufffd").replace(CONTROL, "\ufffd");
  const chars = Array.from(clean);
  return chars.length <= MAX_LABEL_CHARS ? clean : `${chars.slice(0, MAX_LABEL_CHARS - 1).join("")}…`;
}

/** A label value escaped for the text exposition format: `\`, `"` and newline. Pure. */
export function escapeLabel(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}
