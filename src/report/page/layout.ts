import { diagramCss } from "../../viz/diagramCss.js";
import { chartCss } from "../../viz/pageSvg.js";
import type { MachineGraph } from "../../viz/model.js";
import { esc, scriptJson } from "../html.js";
import type { ReportData } from "../model.js";
import { mtuPlot } from "../plot.js";
import { probeSections } from "../probes.js";
import { reportCss } from "./css.js";
import { replaySection } from "./replaySection.js";
import { takenList } from "./takenList.js";
import { timelineScript } from "./timelineScript.js";

/** The whole report as one HTML file: inline CSS, SVG and script, and a CSP that forbids any request. */
export function reportPage(data: ReportData, graph: MachineGraph, diagrams: { readonly taken: string; readonly full: string }): string {
  const span = data.firstAt === null || data.lastAt === null ? "" : `${new Date(data.firstAt).toISOString()} → ${new Date(data.lastAt).toISOString()}`;
  const rowsNote = data.rowsDropped > 0 ? `<p class="note">The timeline holds the first ${data.rows.length} events; ${data.rowsDropped} later ones are only counted in the diagram and plot.</p>` : "";
  const torn = data.torn === null ? "" : `<p class="note">${esc(data.torn.file)} line ${data.torn.line} is torn (${data.torn.bytes} bytes, the agent crashed mid-write) and was ignored.</p>`;
  // The filter's examples are the journal's own first and last times.
  const [fromHint, toHint] = [data.firstAt ?? Date.now(), data.lastAt ?? Date.now()].map((t) => new Date(t).toISOString().slice(0, 19));
  const typeBoxes = data.eventTypes
    .map((t, i) => `<label><input type="checkbox" class="f-type" value="${i}" checked> ${esc(t)}</label>`)
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wsl-vpn-agent incident report: ${esc(data.journal)}</title>
<style>${reportCss}${diagramCss}${chartCss}</style></head>
<body>
<h1>Incident report</h1>
<p class="meta">Journal <code>${esc(data.journal)}</code>: ${data.records} records, ${esc(span)}.</p>
${torn}
<h2 id="summary-title">What happened</h2>
<p id="summary">${data.summary.map(esc).join(" ")}</p>
<h2 id="replay">Replay against the current machine</h2>
${replaySection(data)}
<h2 id="diagram-title">What the agent did</h2>
<p>The states the agent went through, with the number of times each was entered (×N), and the transitions it took, with how often each fired.</p>
<div id="diagram" class="chart">${diagrams.taken}</div>
<details id="full-chart"><summary>The whole state machine: every state and transition, the ones taken highlighted (scrolls sideways)</summary>
<div id="diagram-full" class="chart">${diagrams.full}</div></details>
${takenList(data, graph)}
<h2 id="mtu">MTU in force over time</h2>
${mtuPlot(data)}
<h2 id="timeline-title">Timeline</h2>
${rowsNote}
<div class="filters">
<label>from <input type="text" id="f-from" placeholder="${fromHint}" title="UTC, ISO 8601"></label>
<label>to <input type="text" id="f-to" placeholder="${toHint}" title="UTC, ISO 8601"></label>
<button type="button" id="f-apply">filter</button>
<label><input type="checkbox" id="f-diverged"> only divergences</label>
</div>
<div class="filters" id="f-types">${typeBoxes}</div>
<div class="pager"><button type="button" id="prev">◀ previous</button> <span id="page-info"></span> <button type="button" id="next">next ▶</button></div>
<table id="timeline"><thead><tr><th>seq</th><th>time (UTC)</th><th>event</th><th>detail</th><th>recorded state</th></tr></thead><tbody></tbody></table>
<h2 id="probes">Probe evidence</h2>
${probeSections(data)}
<script type="application/json" id="report-data">${scriptJson({ types: data.eventTypes, states: data.states, rows: data.rows })}</script>
<script>${timelineScript}</script>
</body></html>
`;
}
