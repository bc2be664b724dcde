import { WHOLE, type Window } from "../journal/window.js";
import { toDot } from "../viz/dot.js";
import { machineGraph } from "../viz/graph.js";
import { pageSvg, prefixIds } from "../viz/pageSvg.js";
import { dotToSvg } from "../viz/svg.js";
import { takenGraph } from "../viz/takenGraph.js";
import { collectReport } from "./collect.js";
import type { ReportData } from "./model.js";
import { reportPage } from "./page/layout.js";

/** Builds the self-contained HTML incident report of a journal against the current machine. */
export async function buildReport(journalPath: string, window: Window = WHOLE): Promise<{ html: string; data: ReportData }> {
  const data = await collectReport(journalPath, window);
  const graph = machineGraph();
  const overlay = { visits: data.visits, taken: data.taken };
  // The path taken is drawn readably on its own; the whole chart (too wide for a page at a readable size) scrolls behind a toggle.
  const taken = pageSvg(await dotToSvg(toDot(takenGraph(graph, overlay), overlay, { lines: "taken", direction: "TB" })));
  const full = prefixIds(pageSvg(await dotToSvg(toDot(graph, overlay))), "full-");
  return { html: reportPage(data, graph, { taken, full }), data };
}
