import { escapeLabel } from "./labelValue.js";

export type MetricType = "gauge" | "counter" | "histogram";

/** One sample: the label pairs (already bounded) and the value. */
export interface Sample {
  /** Appended to the family's name: "" or "_bucket", "_sum", "_count" for a histogram. */
  readonly suffix?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly value: number;
}

/** One metric family: `# HELP`, `# TYPE` and its samples. */
export interface Family {
  readonly name: string;
  readonly type: MetricType;
  readonly help: string;
  readonly samples: readonly Sample[];
}

/** Families in the text exposition format (version 0.0.4), one trailing newline. Pure. */
export function exposition(families: readonly Family[]): string {
  const lines: string[] = [];
  // A family without samples is left out: parsers differ on whether a bare # TYPE line is one.
  for (const f of families.filter((x) => x.samples.length > 0)) {
    lines.push(`# HELP ${f.name} ${f.help.replaceAll("\\", "\\\\").replaceAll("\n", "\\n")}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) lines.push(`${f.name}${s.suffix ?? ""}${labelText(s.labels ?? {})} ${numberText(s.value)}`);
  }
  return `${lines.join("\n")}\n`;
}

function labelText(labels: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return pairs.length === 0 ? "" : `{${pairs.join(",")}}`;
}

/** Go's ParseFloat reads what JavaScript prints, except the infinities and NaN, spelled here. Pure. */
export function numberText(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "+Inf";
  if (n === -Infinity) return "-Inf";
  return String(n);
}
