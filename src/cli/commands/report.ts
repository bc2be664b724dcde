import type { Command } from "commander";
import { tornNote } from "../../journal/tornNote.js";
import { buildReport } from "../../report/report.js";
import { writeOutput } from "../../viz/writeOutput.js";
import { windowFlags } from "../timeFlag.js";

/** `report JOURNAL [-o report.html]`: one self-contained HTML incident report. */
export function registerReport(program: Command): void {
  program
    .command("report")
    .description("write a self-contained HTML incident report of a journal: diagram with the path taken, timeline, MTU plot, probe evidence, replay divergence")
    .argument("<journal>", "the active journal file (read with its rotated segments), one segment, or a directory holding a journal, e.g. /var/lib/wsl-vpn-agent/journal.jsonl")
    .option("-o, --out <file>", "where to write the report", "report.html")
    .option("--since <time>", "only records at or after TIME (ISO 8601, or a time ago: 90m, 2h, 7d)")
    .option("--until <time>", "only records at or before TIME (same forms)")
    .action(async (journal: string, opts: { out: string; since?: string; until?: string }) => {
      const { html, data } = await buildReport(journal, windowFlags(opts, Date.now()));
      await writeOutput(html, opts.out);
      if (data.torn !== null) process.stderr.write(tornNote(data.torn.file, data.torn));
      const divergence = data.divergenceCount === 0 ? "no divergence" : `${data.divergenceCount} divergent record(s), first at line ${data.divergences[0]?.line}`;
      process.stderr.write(`wrote ${opts.out}: ${data.records} records, ${divergence}\n`);
    });
}
