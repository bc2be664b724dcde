import type { Command } from "commander";
import { tornNote } from "../../journal/tornNote.js";
import { buildReport } from "../../report/report.js";
import { writeOutput } from "../../viz/writeOutput.js";

/** `report JOURNAL [-o report.html]`: one self-contained HTML incident report. */
export function registerReport(program: Command): void {
  program
    .command("report")
    .description("write a self-contained HTML incident report of a journal: diagram with the path taken, timeline, MTU plot, probe evidence, replay divergence")
    .argument("<journal>", "journal file (JSONL), e.g. /var/lib/wsl-vpn-agent/journal.jsonl")
    .option("-o, --out <file>", "where to write the report", "report.html")
    .action(async (journal: string, opts: { out: string }) => {
      const { html, data } = await buildReport(journal);
      await writeOutput(html, opts.out);
      if (data.torn !== null) process.stderr.write(tornNote(journal, data.torn));
      const divergence = data.divergenceCount === 0 ? "no divergence" : `${data.divergenceCount} divergent record(s), first at line ${data.divergences[0]?.line}`;
      process.stderr.write(`wrote ${opts.out}: ${data.records} records, ${divergence}\n`);
    });
}
