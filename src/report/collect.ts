import { basename } from "node:path";
import { describeEvent } from "../journal/describeEvent.js";
import { readJournalPath } from "../journal/readFiles.js";
import { inWindow, WHOLE, type Window } from "../journal/window.js";
import type { JournalRecord } from "../journal/record.js";
import { displayRecord } from "./displayRecord.js";
import { MtuTrack } from "./mtuTrack.js";
import { Story } from "./story.js";
import type { AgentSnapshot } from "../../machines/index.js";
import type { ReportData } from "./model.js";
import { divergenceOf, Replayer, type Divergence } from "../journal/replay.js";

/** Caps that keep the page usable: beyond them the report says how much it left out. */
export const LIMITS = { rows: 200_000, probes: 300, divergences: 100 } as const;

/** Streams a journal once and aggregates what the report shows; memory grows with the caps, not the file. */
export async function collectReport(path: string, window: Window = WHOLE): Promise<ReportData> {
  const replayer = new Replayer(path);
  const mtu = new MtuTrack();
  const types = new Index();
  const states = new Index();
  const data: ReportData = {
    journal: basename(path),
    records: 0,
    torn: null,
    firstAt: null,
    lastAt: null,
    visits: new Map(),
    taken: new Map(),
    eventTypes: types.names,
    states: states.names,
    rows: [],
    rowsDropped: 0,
    mtu: mtu.points,
    marks: mtu.marks,
    probes: [],
    probesDropped: 0,
    divergences: [],
    divergenceCount: 0,
    summary: [],
  };
  const story = new Story();
  let before: AgentSnapshot | null = null;
  const mutable = data as { -readonly [K in keyof ReportData]: ReportData[K] };
  for await (const item of readJournalPath(path, window)) {
    if (item.kind === "torn") {
      mutable.torn = { file: item.file, line: item.line, bytes: item.bytes };
      break;
    }
    const { line } = item;
    // The machine sees the record whole; everything kept for the page is bounded.
    const t0 = Date.parse(item.record.at);
    // Before the window only the state matters, not which transitions got there.
    const step = replayer.feed(line, item.record, item.file, inWindow(window, t0));
    const record = displayRecord(item.record);
    const t = Date.parse(record.at);
    const divergence = divergenceOf(step);
    // Records before the window only bring the machine from the checkpoint to it.
    if (!inWindow(window, t)) {
      if (divergence !== null) noteDivergence(mutable, { ...divergence, record, recorded: record.state });
      before = step.snapshot;
      continue;
    }
    // A window starts with the MTU the machine held when it opened.
    if (mutable.records === 0 && before !== null) mtu.seed(t, before.context.currentMtu);
    before = step.snapshot;
    mutable.records++;
    mutable.firstAt ??= t;
    mutable.lastAt = t;
    for (const s of step.entered) bump(data.visits, s);
    for (const e of step.transitions) bump(data.taken, e);
    if (divergence !== null) noteDivergence(mutable, { ...divergence, record, recorded: record.state });
    const by = mtu.feed(record, t, step.effects);
    story.feed(record, t, by);
    if (data.rows.length < LIMITS.rows) {
      const detail = describeEvent(record.event) + (by === null ? "" : `: set by ${by}`);
      data.rows.push([record.seq, t, types.of(record.event.type), states.of(record.state), detail, divergence === null ? -1 : states.of(step.replayed)]);
    } else mutable.rowsDropped++;
    noteProbe(mutable, record);
  }
  mutable.summary = story.sentences();
  return data;
}

function noteDivergence(data: { -readonly [K in keyof ReportData]: ReportData[K] }, d: Divergence): void {
  data.divergenceCount++;
  if (data.divergences.length >= LIMITS.divergences) return;
  data.divergences.push({ line: d.line, seq: d.record.seq, at: d.record.at, event: d.record.event.type, recorded: d.recorded, replayed: d.replayed });
}

function noteProbe(data: { -readonly [K in keyof ReportData]: ReportData[K] }, record: JournalRecord): void {
  const e = record.event;
  if (e.type !== "probe.done" && e.type !== "probe.failed") return;
  if (data.probes.length >= LIMITS.probes) {
    data.probesDropped++;
    return;
  }
  data.probes.push(
    e.type === "probe.done"
      ? { seq: record.seq, at: record.at, mtu: e.mtu, evidence: e.evidence, reason: null }
      : { seq: record.seq, at: record.at, mtu: null, evidence: e.evidence ?? null, reason: e.reason },
  );
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Interns names so each row stores a small number instead of a string. */
class Index {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  of(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }
}
