import { runCommand, type CommandResult } from "./run.js";

/** Runs `ip` commands in one batch process (stdin, no shell); `force` keeps going past errors. */
export function ipBatch(lines: readonly string[][], force = false): Promise<CommandResult> {
  const input = lines.map((l) => l.join(" ")).join("\n") + "\n";
  return runCommand(["ip", ...(force ? ["-force"] : []), "-batch", "-"], { input, timeoutMs: 10_000 });
}
