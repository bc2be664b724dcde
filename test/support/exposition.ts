/**
 * A small, strict reader of Prometheus' text exposition format (0.0.4), stricter than the real ones
 * where that catches a writer's bug: HELP and TYPE at most once per family and before its samples,
 * a family's samples together, no series twice, only `\\`, `\"` and `\n` escapes, histogram buckets
 * cumulative with `+Inf` equal to `_count`, counters never negative, a final newline, no lone
 * surrogate (not UTF-8). The real Prometheus judges the agent's files in the fleet e2e test.
 */

export type FamilyType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

export interface ParsedSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface ParsedFamily {
  readonly type: FamilyType;
  readonly help: string | null;
  readonly samples: ParsedSample[];
}

const METRIC = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const FLOAT = /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|Inf|inf)$|^NaN$/;
const TYPES = new Set<FamilyType>(["counter", "gauge", "histogram", "summary", "untyped"]);
const SUFFIXES: Readonly<Record<FamilyType, readonly string[]>> = { counter: [""], gauge: [""], untyped: [""], histogram: ["_bucket", "_sum", "_count"], summary: ["", "_sum", "_count"] };

export class ExpositionError extends Error {
  constructor(line: number, problem: string, text: string) {
    super(`line ${line}: ${problem}: ${JSON.stringify(text.slice(0, 200))}`);
  }
}

/** The families of an exposition, by name; throws ExpositionError naming the first bad line. */
export function parseExposition(text: string): Map<string, ParsedFamily> {
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text)) throw new ExpositionError(0, "a lone surrogate (not UTF-8)", text);
  if (text !== "" && !text.endsWith("\n")) throw new ExpositionError(0, "no final newline", text.slice(-40));
  const families = new Map<string, ParsedFamily>();
  const series = new Set<string>();
  const closed = new Set<string>();
  let current: string | null = null;
  const family = (name: string, n: number, line: string): ParsedFamily => {
    if (current !== name) {
      if (closed.has(name)) throw new ExpositionError(n, `family ${name} continues after another one`, line);
      if (current !== null) closed.add(current);
      current = name;
    }
    let f = families.get(name);
    if (f === undefined) families.set(name, (f = { type: "untyped", help: null, samples: [] }));
    return f;
  };
  text.split("\n").slice(0, -1).forEach((line, i) => {
    const n = i + 1;
    if (line.trim() === "") return;
    if (line.startsWith("#")) {
      const m = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$/.exec(line);
      if (m === null) return; // a plain comment
      const [, kw, name = "", rest = ""] = m;
      const f = family(name, n, line);
      if (kw === "HELP") {
        if (f.help !== null) throw new ExpositionError(n, `second HELP for ${name}`, line);
        families.set(name, { ...f, help: unescapeHelp(rest, n, line) });
      } else {
        if (!TYPES.has(rest as FamilyType)) throw new ExpositionError(n, `unknown type ${rest}`, line);
        if (f.type !== "untyped" || f.samples.length > 0) throw new ExpositionError(n, `TYPE for ${name} after its samples or a second time`, line);
        families.set(name, { ...f, type: rest as FamilyType });
      }
      return;
    }
    const s = parseSample(line, n);
    const base = familyOf(s.name, families);
    const f = family(base, n, line);
    const suffix = s.name.slice(base.length);
    if (!SUFFIXES[f.type].includes(suffix)) throw new ExpositionError(n, `sample ${s.name} does not belong to ${f.type} ${base}`, line);
    const key = `${s.name}${JSON.stringify(Object.entries(s.labels).sort())}`;
    if (series.has(key)) throw new ExpositionError(n, "the same series twice", line);
    series.add(key);
    if ((f.type === "counter" || suffix === "_count" || suffix === "_bucket") && !(s.value >= 0)) throw new ExpositionError(n, "a negative or NaN count", line);
    if (suffix === "_bucket" && s.labels.le === undefined) throw new ExpositionError(n, "a bucket without le", line);
    f.samples.push(s);
  });
  for (const [name, f] of families) if (f.type === "histogram") checkHistogram(name, f);
  return families;
}

/** The family a sample name belongs to: itself, or a declared histogram/summary it is a suffix of. */
function familyOf(name: string, families: ReadonlyMap<string, ParsedFamily>): string {
  for (const suffix of ["_bucket", "_sum", "_count"]) {
    const base = name.slice(0, -suffix.length);
    if (name.endsWith(suffix) && (families.get(base)?.type === "histogram" || families.get(base)?.type === "summary")) return base;
  }
  return name;
}

function parseSample(line: string, n: number): ParsedSample {
  const name = METRIC.exec(line)?.[0];
  if (name === undefined) throw new ExpositionError(n, "no metric name", line);
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith("{")) {
    rest = rest.slice(1);
    while (!rest.startsWith("}")) {
      const label = LABEL.exec(rest)?.[0];
      if (label === undefined || !rest.slice(label.length).startsWith('="')) throw new ExpositionError(n, "a bad label", line);
      if (Object.hasOwn(labels, label)) throw new ExpositionError(n, `label ${label} twice`, line);
      rest = rest.slice(label.length + 2);
      let value = "";
      for (;;) {
        const c = rest[0];
        if (c === undefined) throw new ExpositionError(n, "an unterminated label value", line);
        rest = rest.slice(1);
        if (c === '"') break;
        if (c !== "\\") {
          value += c;
          continue;
        }
        const e = rest[0];
        rest = rest.slice(1);
        if (e === "\\" || e === '"') value += e;
        else if (e === "n") value += "\n";
        else throw new ExpositionError(n, `an invalid escape \\${e ?? ""}`, line);
      }
      labels[label] = value;
      if (rest.startsWith(",")) rest = rest.slice(1);
      else if (!rest.startsWith("}")) throw new ExpositionError(n, "labels not separated by a comma", line);
    }
    rest = rest.slice(1);
  }
  const m = /^ (\S+)(?: (-?\d+))?$/.exec(rest);
  if (m === null || !FLOAT.test(m[1] ?? "")) throw new ExpositionError(n, "a bad value", line);
  const raw = m[1] ?? "";
  const value = /^[+-]?[Ii]nf$/.test(raw) ? (raw.startsWith("-") ? -Infinity : Infinity) : Number(raw);
  return { name, labels, value };
}

function unescapeHelp(text: string, n: number, line: string): string {
  return text.replace(/\\(.?)/g, (_, e: string) => {
    if (e === "\\") return "\\";
    if (e === "n") return "\n";
    throw new ExpositionError(n, `an invalid escape in HELP \\${e}`, line);
  });
}

/** Buckets per label set (without le) cumulative, ending at +Inf equal to _count. */
function checkHistogram(name: string, f: ParsedFamily): void {
  const rest = (labels: Readonly<Record<string, string>>): string => JSON.stringify(Object.entries(labels).filter(([k]) => k !== "le").sort());
  for (const key of new Set(f.samples.map((s) => rest(s.labels)))) {
    const of = f.samples.filter((s) => rest(s.labels) === key);
    const buckets = of.filter((s) => s.name.endsWith("_bucket")).map((s) => ({ le: s.labels.le === "+Inf" ? Infinity : Number(s.labels.le), value: s.value }));
    const count = of.find((s) => s.name === `${name}_count`)?.value;
    const sorted = [...buckets].sort((a, b) => a.le - b.le);
    if (sorted.some((b, i) => Number.isNaN(b.le) || (i > 0 && b.value < (sorted[i - 1]?.value ?? 0)))) throw new ExpositionError(0, `${name}: buckets not cumulative`, key);
    if (sorted.at(-1)?.le !== Infinity || sorted.at(-1)?.value !== count) throw new ExpositionError(0, `${name}: no +Inf bucket equal to _count`, key);
    if (of.find((s) => s.name === `${name}_sum`) === undefined) throw new ExpositionError(0, `${name}: no _sum`, key);
  }
}

/** The value of the one sample `name` with exactly these labels (among others) in `families`; undefined if none. */
export function sampleValue(families: ReadonlyMap<string, ParsedFamily>, name: string, labels: Readonly<Record<string, string>> = {}): number | undefined {
  for (const f of families.values()) {
    const s = f.samples.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v));
    if (s !== undefined) return s.value;
  }
  return undefined;
}
