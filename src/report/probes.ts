import type { SizeResult } from "../../machines/index.js";
import { esc } from "./html.js";
import type { ProbeRecord, ReportData } from "./model.js";

/** One section per probe: what it found and the evidence for it, size by size. Pure. */
export function probeSections(data: Pick<ReportData, "probes" | "probesDropped">): string {
  if (data.probes.length === 0) return "<p>No probe ran in this journal.</p>";
  const more = data.probesDropped > 0 ? `<p class="note">${esc(data.probesDropped)} later probes are not shown.</p>` : "";
  return data.probes.map(probeSection).join("\n") + more;
}

// Every value below comes from the journal: each goes through `esc`, numbers included.
function probeSection(p: ProbeRecord): string {
  const seq = esc(p.seq);
  const head = `<h3>Probe #${seq} <small>${esc(p.at)}</small></h3>`;
  const failed = p.mtu === null ? `<p class="bad">Probe failed: ${esc(p.reason ?? "")}</p>` : "";
  // Journals of format 1 carry no evidence for a failed probe.
  if (p.evidence === null) return `<section class="probe failed" data-seq="${seq}">${head}${failed}</section>`;
  const e = p.evidence;
  const icmp = e.icmp === undefined || e.icmp === null ? "no ICMP pre-round" : `ICMP narrowed the search to ${e.icmp.low}–${e.icmp.high} in ${e.icmp.ms} ms`;
  const sizes = [...e.sizes].sort((a, b) => a.round - b.round || a.mtu - b.mtu);
  const notes = (e.notes ?? []).map((n) => `<li>${esc(n)}</li>`).join("");
  const found = p.mtu === null ? `What it tried` : `Found <b class="found">${esc(p.mtu)}</b>`;
  return `<section class="probe${p.mtu === null ? " failed" : ""}" data-seq="${seq}">${head}${failed}
<p>${found} with a ${esc(e.method)} search: ${esc(e.rounds)} round(s), ${esc(e.durationMs)} ms; ${esc(icmp)}.</p>
<table class="sizes"><thead><tr><th>round</th><th>MTU</th><th>result</th><th>attempts</th><th>time (ms)</th><th>why</th></tr></thead>
<tbody>${sizes.map(sizeRow).join("")}</tbody></table>${notes === "" ? "" : `<ul class="notes">${notes}</ul>`}</section>`;
}

function sizeRow(s: SizeResult): string {
  const cells = [s.round, s.mtu, s.pass ? "pass" : "fail", s.attempts, s.ms, s.reason ?? ""].map((v) => `<td>${esc(v)}</td>`);
  return `<tr class="${s.pass ? "pass" : "fail"}">${cells.join("")}</tr>`;
}
