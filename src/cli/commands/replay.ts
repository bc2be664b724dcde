import { tornNote } from "../../journal/tornNote.js";
import type { Command } from "commander";
import { ExitCode } from "../../errors.js";
import { readJournal } from "../../journal/reader.js";
import { replayItems, type ReplayStep } from "../../journal/replay.js";

/** `replay FILE [--json]`: re-runs a journal through the current machine and checks every state. */
export function registerReplay(program: Command): void {
  program
    .command("replay")
    .description("replay a journal through the machine; exit 0 when every recorded state is reproduced, 1 at the first divergence, 65 for an unreadable journal")
    .argument("<file>", "journal file (JSONL)")
    .option("--json", "one JSON object per line: seq, at, event, state")
    .action(async (file: string, opts: { json?: boolean }) => {
      const out = process.stdout;
      const print = opts.json === true ? (s: ReplayStep) => out.write(`${jsonLine(s)}\n`) : (s: ReplayStep) => out.write(`${textLine(s)}\n`);
      const outcome = await replayItems(readJournal(file), print, file);
      if (outcome.torn !== null) process.stderr.write(tornNote(file, outcome.torn));
      const d = outcome.divergence;
      if (d !== null) {
        process.stderr.write(
          `divergence at ${file}:${d.line} (seq ${d.record.seq}): event ${JSON.stringify(d.record.event)}\n` +
            `  recorded state: ${d.recorded}\n  replayed state: ${d.replayed}\n`,
        );
        process.exitCode = ExitCode.failure;
        return;
      }
      if (opts.json !== true) out.write(`replayed ${outcome.steps} records: every recorded state reproduced\n`);
      process.exitCode = ExitCode.ok;
    });
}

function jsonLine(s: ReplayStep): string {
  return JSON.stringify({ seq: s.record.seq, at: s.record.at, event: s.record.event.type, state: s.replayed });
}

function textLine(s: ReplayStep): string {
  return `${s.record.at}  #${String(s.record.seq).padEnd(6)} ${s.record.event.type.padEnd(16)} → ${s.replayed}${detail(s)}`;
}

/** The few fields that make a timeline readable without opening the JSON. */
function detail(s: ReplayStep): string {
  const e = s.record.event;
  switch (e.type) {
    case "xstate.init":
      return `  (baseline ${e.input.baselineMtu}, mtu ${e.input.currentMtu})`;
    case "network.settled":
      return e.vpn === null ? "  (no VPN)" : `  (VPN ${JSON.stringify(e.vpn.name)}, hint ${e.vpn.mtuHint ?? "none"})`;
    case "link.mtu":
    case "apply.done":
      return `  (mtu ${e.mtu})`;
    case "probe.done":
      return `  (found ${e.mtu} in ${e.evidence.rounds} round${e.evidence.rounds === 1 ? "" : "s"})`;
    case "probe.failed":
    case "apply.failed":
    case "verify.failed":
      return `  (${e.reason})`;
    case "timer.fired":
      return `  (${e.timer})`;
    case "verify.passed":
    case "agent.stop":
      return "";
  }
}
