import { esc } from "./html.js";
import type { Mark, MarkKind, ReportData } from "./model.js";
import { timeTicks } from "./timeTicks.js";

const W = 1000;
const H = 280;
// Room at the sides for a tick label centred on the first or last instant.
const PAD = { left: 60, right: 45, top: 15, bottom: 44 };
const MAX_GRID_LINES = 12;

const STYLE: Record<MarkKind, { color: string; shape: string; label: string }> = {
  probe: { color: "#1c7ed6", shape: "circle", label: "probe result" },
  apply: { color: "#2f9e44", shape: "up", label: "set by the agent's apply" },
  rollback: { color: "#e03131", shape: "down", label: "set by the agent's rollback" },
  restore: { color: "#7048e8", shape: "square", label: "set by the agent's restore of the baseline" },
  wsl: { color: "#f08c00", shape: "diamond", label: "changed by someone else (WSL)" },
  "verify-failed": { color: "#c92a2a", shape: "cross", label: "verification failed" },
};

/** The MTU in force over time as an inline SVG step line, with marks that carry a tooltip. Pure. */
export function mtuPlot(data: Pick<ReportData, "mtu" | "marks" | "firstAt" | "lastAt">): string {
  if (data.mtu.length === 0 || data.firstAt === null || data.lastAt === null) return "<p>No MTU observations in this journal.</p>";
  const t0 = data.firstAt;
  const span = Math.max(data.lastAt - t0, 1);
  const values = [...data.mtu.map((p) => p[1]), ...data.marks.map((m) => m.mtu).filter((v) => v > 0)];
  // reduce, not Math.min(...values): tens of thousands of arguments overflow the stack.
  const min = values.reduce((a, b) => Math.min(a, b)) - 10;
  const max = values.reduce((a, b) => Math.max(a, b)) + 10;
  const step = gridStep(max - min);
  const lo = Math.floor(min / step) * step;
  const hi = Math.max(Math.ceil(max / step) * step, lo + step);
  const x = (t: number): number => round(PAD.left + ((t - t0) / span) * (W - PAD.left - PAD.right));
  const y = (v: number): number => round(PAD.top + ((hi - v) / (hi - lo)) * (H - PAD.top - PAD.bottom));
  let d = "";
  for (const [t, v] of data.mtu) d += d === "" ? `M${x(t)},${y(v)}` : `H${x(t)}V${y(v)}`;
  d += `H${x(data.lastAt)}`;
  const parts = [`<svg id="mtu-plot" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="MTU in force over time">`];
  // Counted, not `v += step`: past 2^53 adding a step leaves v unchanged and the loop never ends.
  // A cap as well, in case a value ever reaches here unvalidated (+2: lo and hi are rounded outwards).
  const lines = Math.min(Math.round((hi - lo) / step), MAX_GRID_LINES + 2);
  for (let i = 0; i <= lines; i++) {
    const v = lo + i * step;
    parts.push(`<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}"/><text class="tick" x="${PAD.left - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`);
  }
  for (const tick of timeTicks(t0, t0 + span)) {
    parts.push(`<line class="tick-mark" x1="${x(tick.t)}" x2="${x(tick.t)}" y1="${H - PAD.bottom}" y2="${H - PAD.bottom + 4}"/><text class="tick time" x="${x(tick.t)}" y="${H - PAD.bottom + 18}" text-anchor="middle">${tick.label}</text>`);
  }
  parts.push(`<text class="tick" x="${W / 2}" y="${H - 4}" text-anchor="middle">time (UTC) from ${new Date(t0).toISOString().slice(0, 19)}Z</text>`);
  parts.push(`<path id="mtu-line" class="mtu" d="${d}"/>`);
  for (const m of data.marks) parts.push(markShape(m, x(m.t), y(m.mtu > 0 ? m.mtu : lo)));
  parts.push("</svg>");
  return parts.join("\n") + legend(new Set(data.marks.map((m) => m.kind)));
}

function markShape(m: Mark, cx: number, cy: number): string {
  const { color, shape } = STYLE[m.kind];
  const title = `<title>#${esc(m.seq)} ${new Date(m.t).toISOString()}: ${esc(m.text)}</title>`;
  const attrs = `class="mark mark-${m.kind}" data-seq="${esc(m.seq)}" fill="${color}" stroke="${color}"`;
  const r = 5;
  switch (shape) {
    case "circle":
      return `<circle ${attrs} cx="${cx}" cy="${cy}" r="${r}">${title}</circle>`;
    case "square":
      return `<rect ${attrs} x="${cx - r}" y="${cy - r}" width="${2 * r}" height="${2 * r}">${title}</rect>`;
    case "up":
      return `<path ${attrs} d="M${cx},${cy - r}L${cx + r},${cy + r}L${cx - r},${cy + r}Z">${title}</path>`;
    case "down":
      return `<path ${attrs} d="M${cx},${cy + r}L${cx + r},${cy - r}L${cx - r},${cy - r}Z">${title}</path>`;
    case "diamond":
      return `<path ${attrs} d="M${cx},${cy - r - 1}L${cx + r + 1},${cy}L${cx},${cy + r + 1}L${cx - r - 1},${cy}Z">${title}</path>`;
    default:
      return `<path ${attrs} stroke-width="2.5" d="M${cx - r},${cy - r}L${cx + r},${cy + r}M${cx + r},${cy - r}L${cx - r},${cy + r}">${title}</path>`;
  }
}

/** Only the kinds of marks this plot shows: a legend entry for something absent only misleads. */
function legend(present: ReadonlySet<MarkKind>): string {
  const items = Object.entries(STYLE).filter(([kind]) => present.has(kind as MarkKind)).map(([kind, s]) => `<span class="legend-item"><span class="swatch" style="background:${s.color}"></span>${esc(s.label)} <code>${kind}</code></span>`);
  return `<div class="legend" id="mtu-legend"><span class="legend-item"><span class="swatch line"></span>MTU in force</span>${items.join("")}</div>`;
}

/**
 * Distance between grid lines: 50 for the usual few hundred bytes of MTU range, else the next
 * 1-2-5 step that keeps the lines at most `MAX_GRID_LINES`, however wide the range. Pure.
 */
export function gridStep(range: number): number {
  const raw = range / MAX_GRID_LINES;
  if (!Number.isFinite(raw) || raw <= 50) return 50;
  const power = 10 ** Math.floor(Math.log10(raw));
  const mantissa = raw / power;
  return (mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10) * power;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
