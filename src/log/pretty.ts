const LABELS: Readonly<Record<number, string>> = { 10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL" };
// pino's own fields, and the ones fixed for the whole run: shown in the line's head or not at all.
const HIDDEN = new Set(["level", "time", "msg", "pid", "hostname", "name", "run", "version"]);

/**
 * One pino JSON line as a human-readable line for a terminal:
 * `12:04:05.123 INFO  message key=value ...`. A line that is not JSON passes through. Pure.
 */
export function formatPretty(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof record.time === "number" ? new Date(record.time).toISOString().slice(11, 23) : "--:--:--.---";
  const level = typeof record.level === "number" ? (LABELS[record.level] ?? String(record.level)) : "INFO";
  const msg = typeof record.msg === "string" ? record.msg : "";
  const fields = Object.entries(record)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${k}=${field(v)}`);
  return `${[time, level.padEnd(5), msg, ...fields].filter((s) => s !== "").join(" ")}\n`;
}

/** Errors print their stack (a terminal reader wants it); other values as compact JSON. */
function field(value: unknown): string {
  if (value !== null && typeof value === "object" && "stack" in value && typeof value.stack === "string") return `\n  ${value.stack.replaceAll("\n", "\n  ")}\n`;
  return typeof value === "string" && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
}
