import { fstatSync } from "node:fs";

/** How log lines are written: plain JSON, JSON with a syslog priority prefix, or for humans. */
export type LogMode = "json" | "journal" | "pretty";

export interface StdoutFacts {
  /** `JOURNAL_STREAM` ("DEV:INODE"), set by systemd when stdout/stderr go to the journal. */
  readonly journalStream: string | undefined;
  readonly isTTY: boolean;
  /** Device and inode of stdout, when they could be read. */
  readonly stdout: { readonly dev: number; readonly ino: number } | null;
}

/**
 * Chooses the log mode. `JOURNAL_STREAM` only counts when it names our stdout (systemd's advice:
 * a child of the service whose output was redirected must not add prefixes). Pure.
 */
export function chooseLogMode(facts: StdoutFacts): LogMode {
  if (facts.journalStream !== undefined && facts.journalStream !== "") {
    const [dev, ino] = facts.journalStream.split(":").map(Number);
    if (facts.stdout === null || (facts.stdout.dev === dev && facts.stdout.ino === ino)) return "journal";
  }
  return facts.isTTY ? "pretty" : "json";
}

/** Reads the facts about this process's stdout (environment and fstat). */
export function stdoutFacts(): StdoutFacts {
  let stdout: StdoutFacts["stdout"] = null;
  try {
    const s = fstatSync(1);
    stdout = { dev: s.dev, ino: s.ino };
  } catch {
    // No stdout to stat (closed): trust the environment.
  }
  return { journalStream: process.env.JOURNAL_STREAM, isTTY: process.stdout.isTTY === true, stdout };
}
