import { toDot } from "../viz/dot.js";
import { machineGraph } from "../viz/graph.js";
import { dotToSvg } from "../viz/svg.js";
import { WHOLE, type Window } from "../journal/window.js";
import { collectReport } from "./collect.js";
import type { ReportData } from "./model.js";
import { reportPage } from "./page/layout.js";

/** Builds the self-contained HTML incident report of a journal against the current machine. */
export async function buildReport(journalPath: string, window: Window = WHOLE): Promise<{ html: string; data: ReportData }> {
  const data = await collectReport(journalPath, window);
  const graph = machineGraph();
  const svg = await dotToSvg(toDot(graph, { visits: data.visits, taken: data.taken }));
  return { html: reportPage(data, graph, svg), data };
}
