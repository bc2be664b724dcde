import { esc } from "../html.js";
import type { ReportData } from "../model.js";

/** Whether the current machine reproduces every recorded state, and where it does not. Journal values are escaped. Pure. */
export function replaySection(data: ReportData): string {
  if (data.divergenceCount === 0) {
    return `<div class="banner ok" id="replay-result" data-divergences="0">The current machine reproduces all ${data.records} recorded states.</div>`;
  }
  const first = data.divergences[0];
  const rows = data.divergences
    .map((d) => `<tr><td>${esc(d.line)}</td><td>${esc(d.seq)}</td><td>${esc(d.at)}</td><td>${esc(d.event)}</td><td>${esc(d.recorded)}</td><td class="bad">${esc(d.replayed)}</td></tr>`)
    .join("");
  const more = data.divergenceCount > data.divergences.length ? `<p class="note">${data.divergenceCount - data.divergences.length} more not listed.</p>` : "";
  return `<div class="banner bad" id="replay-result" data-divergences="${data.divergenceCount}">
The current machine diverges from the journal at line ${esc(first?.line ?? "")} (seq ${esc(first?.seq ?? "")}, event <code>${esc(first?.event ?? "")}</code>):
recorded <b>${esc(first?.recorded ?? "")}</b>, current machine <b>${esc(first?.replayed ?? "")}</b>.
${data.divergenceCount} record(s) differ in all; they are marked in the timeline ("only divergences" lists them).
After the first divergence the current machine continues from its own state.</div>
<table id="divergences"><thead><tr><th>line</th><th>seq</th><th>time</th><th>event</th><th>recorded</th><th>current machine</th></tr></thead><tbody>${rows}</tbody></table>${more}`;
}
