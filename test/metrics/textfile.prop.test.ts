import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AgentEvent } from "../../machines/index.js";
import { MAX_LABEL_CHARS } from "../../src/metrics/labelValue.js";
import { renderMetrics, TOP_STATES } from "../../src/metrics/renderMetrics.js";
import { MAX_VPN_LABELS } from "../../src/metrics/tally.js";
import { StatusBoard } from "../../src/runtime/statusBoard.js";
import { initialWatcherHealth, type WatcherHealth } from "../../src/sources/index.js";
import { parseExposition, sampleValue } from "../support/exposition.js";
import { fcParams } from "../support/fcParams.js";
import { hasControlBesidesNewline, hostileText } from "../support/hostileText.js";
import { testInput } from "../support/input.js";
import { stepArb, toEvent, type Step } from "../machine/commands.js";
import { Harness } from "../machine/harness.js";

const params = fcParams(100);
const P = "wsl_vpn_agent_";

/** A VPN description: hostile, sometimes past the label bound, often one seen before (pick from a pool). */
const descriptionArb = fc.oneof(hostileText(40), hostileText(300), fc.string({ minLength: 120, maxLength: 400 }), fc.constantFrom("Cisco AnyConnect", 'Evil "VPN" \\ line\nbreak'));
/** A machine step, or a bad watcher line (counted without a step); settled VPNs renamed from the pool. */
type Act = { kind: "step"; step: Step; name: number; ms: number } | { kind: "badLine" };
const act = (step: fc.Arbitrary<Step>): fc.Arbitrary<Act> => fc.record({ kind: fc.constant("step" as const), step, name: fc.nat(40), ms: fc.integer({ min: 0, max: 200_000 }) });
// Any input the machine tests use, and more often a VPN settling and its probe answered, so MTUs get found.
const connect: fc.Arbitrary<Step> = fc.constant({ kind: "settle", vpn: { name: "VPN", description: "", mtuHint: 1400 }, outside: false, iface: null });
const found: fc.Arbitrary<Step> = fc.integer({ min: 1280, max: 1500 }).map((mtu) => ({ kind: "probe", pick: 0, ok: true, mtu }));
const actArb: fc.Arbitrary<Act> = fc.oneof(
  { arbitrary: act(stepArb.filter((s) => s.kind !== "stop")), weight: 4 },
  { arbitrary: act(connect), weight: 4 },
  { arbitrary: act(found), weight: 4 },
  { arbitrary: fc.constant({ kind: "badLine" as const }), weight: 1 },
);

const codePoints = (s: string): number => Array.from(s).length;

describe("the metrics textfile", () => {
  it("is a valid exposition after any sequence of steps with hostile VPN names; its numbers are the status's, counters only grow, labels stay bounded", () => {
    fc.assert(
      fc.property(fc.array(descriptionArb, { minLength: 1, maxLength: 40, size: "max" }), fc.array(actArb, { maxLength: 120, size: "medium" }), (names, acts) => {
        const h = new Harness(testInput({ iface: "eth0" }));
        let health: WatcherHealth = initialWatcherHealth;
        const board = new StatusBoard({ interface: "eth0", journal: "/j", dryRun: false, version: "1.2.3" }, () => h.snapshot, () => health);
        let seq = 0;
        let clock = Date.UTC(2026, 0, 1);
        let before = new Map<string, number>();
        for (const act of acts) {
          if (act.kind === "badLine") health = { ...health, badLines: health.badLines + 1 };
          else {
            const named = act.step.kind === "settle" && act.step.vpn !== null ? { ...act.step, vpn: { ...act.step.vpn, description: names[act.name % names.length] ?? "" } } : act.step;
            const raw = toEvent(h, named);
            if (raw === null) continue;
            const event: AgentEvent = raw.type === "probe.done" || (raw.type === "probe.failed" && act.ms % 2 === 0) ? { ...raw, evidence: { method: "parallel", rounds: 1, durationMs: act.ms, sizes: [] } } : raw;
            const from = h.state;
            const current = h.snapshot.context;
            const effects = h.send(event);
            clock += 1000;
            const at = new Date(clock).toISOString();
            board.noteStep({ record: { v: 2, seq: ++seq, at, event, state: h.state }, from, to: h.state, snapshot: h.snapshot, paths: { main: h.snapshot, others: {} }, effects });
            // The label a found MTU gets is the description exactly, when nothing needed bounding.
            const d = current.vpn?.description;
            if (event.type === "probe.done" && event.workId === current.workId && d !== undefined && codePoints(d) <= MAX_LABEL_CHARS && !hasControlBesidesNewline(d) && !/[\ud800-\udfff]/.test(d)) {
              expect(sampleValue(parseExposition(renderMetrics(board.status())), `${P}vpn_mtu_bytes`, { vpn: d })).toBe(event.mtu);
            }
          }
          const s = board.status();
          const text = renderMetrics(s);
          const f = parseExposition(text);
          const m = s.metrics;
          // Round trip: every number read back is the status's.
          expect(TOP_STATES.map((state) => sampleValue(f, `${P}state`, { state }))).toEqual(TOP_STATES.map((state) => (s.state.split(".")[0] === state ? 1 : 0)));
          expect(sampleValue(f, `${P}mtu_bytes`, { scope: "interface" })).toBe(s.mtu);
          expect(sampleValue(f, `${P}mtu_bytes`, { scope: "routes" })).toBe(s.routes?.mtu);
          expect(sampleValue(f, `${P}baseline_mtu_bytes`)).toBe(s.baseline);
          const vpnSamples = f.get(`${P}vpn_mtu_bytes`)?.samples ?? [];
          expect(vpnSamples.map((x) => [x.labels.vpn, x.value])).toEqual(m.vpnMtus.map((v) => [v.vpn, v.mtu]));
          expect(vpnSamples.length).toBeLessThanOrEqual(MAX_VPN_LABELS);
          for (const x of f.values()) for (const sample of x.samples) for (const v of Object.values(sample.labels)) expect(codePoints(v)).toBeLessThanOrEqual(MAX_LABEL_CHARS);
          expect(sampleValue(f, `${P}probe_duration_seconds_count`)).toBe(m.probeSeconds.count);
          expect(sampleValue(f, `${P}probe_duration_seconds_sum`)).toBeCloseTo(m.probeSeconds.sum, 6);
          expect(sampleValue(f, `${P}last_verification_success_timestamp_seconds`)).toBe(m.lastVerifiedAt === null ? undefined : Date.parse(m.lastVerifiedAt) / 1000);
          const counters = new Map<string, number>();
          for (const x of f.values()) if (x.type === "counter" || x.type === "histogram") for (const c of x.samples) counters.set(`${c.name}${JSON.stringify(c.labels)}`, c.value);
          expect(counters.get(`${P}probes_total{"result":"found"}`)).toBe(m.probes.found);
          expect(counters.get(`${P}verifications_total{"result":"failed"}`)).toBe(m.verifications.failed);
          // One path here: every rollback the effects asked for is the machine's own count.
          expect(counters.get(`${P}rollbacks_total{}`)).toBe(m.rollbacks);
          expect(m.rollbacks).toBe(s.counters.rollbacks);
          expect(counters.get(`${P}restores_total{}`)).toBe(m.restores);
          expect(counters.get(`${P}watcher_bad_lines_total{}`)).toBe(health.badLines);
          for (const [key, value] of before) expect(counters.get(key) ?? -1, key).toBeGreaterThanOrEqual(value);
          before = counters;
          // 16 VPNs of at most 128 characters, each escaped to at most 4 bytes a character: the file stays small.
          expect(Buffer.byteLength(text)).toBeLessThan(16_384);
        }
      }),
      params,
    );
  });
});
