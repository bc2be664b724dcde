import { drawnLabel } from "../../viz/describe.js";
import { ANY_STATE, type MachineGraph } from "../../viz/model.js";
import { domId } from "../../viz/overlay.js";
import { esc } from "../html.js";
import type { ReportData } from "../model.js";

/** The transitions taken, most frequent first, as a table next to the diagram. Pure. */
export function takenList(data: ReportData, graph: MachineGraph): string {
  const rows = graph.edges
    .filter((e) => (data.taken.get(e.id) ?? 0) > 0)
    .sort((a, b) => (data.taken.get(b.id) ?? 0) - (data.taken.get(a.id) ?? 0))
    .map((e) => {
      const from = e.source === ANY_STATE ? "any state" : e.source;
      const to = e.internal ? "(stays)" : e.target;
      return `<tr data-edge="${domId("e", e.id)}"><td>${data.taken.get(e.id)}</td><td>${esc(from)}</td><td>${esc(to)}</td><td>${esc(drawnLabel(graph, e))}</td></tr>`;
    });
  if (rows.length === 0) return "<p>No transition was taken.</p>";
  return `<details id="taken"><summary>${rows.length} distinct transitions taken</summary>
<table><thead><tr><th>times</th><th>from</th><th>to</th><th>transition</th></tr></thead><tbody>${rows.join("")}</tbody></table></details>`;
}
