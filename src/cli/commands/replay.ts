import { tornNote } from "../../journal/tornNote.js";
import type { Command } from "commander";
import { ExitCode } from "../../errors.js";
import { describeEvent } from "../../journal/describeEvent.js";
import { readJournalPath } from "../../journal/readFiles.js";
import { windowFlags } from "../timeFlag.js";
import { replayItems, type ReplayStep } from "../../journal/replay.js";
import { escapeControl, inlineText } from "../../text/escapeControl.js";
import { preview } from "../../text/preview.js";

/** Longest piece of journal text (a reason, an event, a state) one line of output shows. */
const EVENT_CHARS = 200;
const PATH_CHARS = 4096;

/** `replay FILE [--json]`: re-runs a journal through the current machine and checks every state. */
export function registerReplay(program: Command): void {
  program
    .command("replay")
    .description("replay a journal through the machine; exit 0 when every recorded state is reproduced, 1 at the first divergence, 65 for an unreadable journal")
    .argument("<journal>", "the active journal file (read with its rotated segments), one segment, or a directory holding a journal")
    .option("--json", "one JSON object per line: seq, at, event, state")
    .option("--since <time>", "only records at or after TIME (ISO 8601, or a time ago: 90m, 2h, 7d); replay starts at the checkpoint before it")
    .option("--until <time>", "only records at or before TIME (same forms)")
    .action(async (file: string, opts: { json?: boolean; since?: string; until?: string }) => {
      const window = windowFlags(opts, Date.now());
      const out = process.stdout;
      // Journal text (times, reasons, adapter names) is untrusted: printed escaped, on one line.
      const print = opts.json === true ? (s: ReplayStep) => out.write(`${jsonLine(s)}\n`) : (s: ReplayStep) => out.write(`${escapeControl(textLine(s))}\n`);
      const outcome = await replayItems(readJournalPath(file, window), print, window);
      if (outcome.torn !== null) process.stderr.write(tornNote(outcome.torn.file, outcome.torn));
      const d = outcome.divergence;
      if (d !== null) {
        process.stderr.write(
          `divergence at ${inlineText(d.file, PATH_CHARS)}:${d.line} (seq ${d.record.seq}): event ${preview(d.record.event, EVENT_CHARS)}\n` +
            `  recorded state: ${inlineText(d.recorded, EVENT_CHARS)}\n  replayed state: ${d.replayed}\n`,
        );
        process.exitCode = ExitCode.failure;
        return;
      }
      const lead = outcome.lead === 0 ? "" : ` (after ${outcome.lead} from the checkpoint before the window)`;
      if (opts.json !== true) out.write(`replayed ${outcome.steps} records${lead}: every recorded state reproduced\n`);
      process.exitCode = ExitCode.ok;
    });
}

function jsonLine(s: ReplayStep): string {
  return JSON.stringify({ seq: s.record.seq, at: s.record.at, event: s.record.event.type, state: s.replayed });
}

function textLine(s: ReplayStep): string {
  return `${s.record.at}  #${String(s.record.seq).padEnd(6)} ${s.record.event.type.padEnd(16)} → ${s.replayed}${detail(s)}`;
}

/** The timeline's words on the event, from the one describer. */
function detail(s: ReplayStep): string {
  return `  (${describeEvent(s.record.event)})`;
}
