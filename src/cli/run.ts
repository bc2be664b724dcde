import { type Command, CommanderError } from "commander";
import { AgentError, ExitCode } from "../errors.js";
import { buildProgram } from "./program.js";

/**
 * Runs the CLI and returns its exit code. The one top-level catch: known errors become their exit
 * code and one clean message; anything else is a bug (70) and keeps its stack.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  throwOnParseErrors(program);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not failures; every other parse error is a usage error.
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return ExitCode.ok;
      return ExitCode.usage;
    }
    if (error instanceof AgentError) {
      process.stderr.write(`wsl-vpn-agent: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`wsl-vpn-agent: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return ExitCode.software;
  }
}

/** Commander exits by itself unless each command, nested ones too (`lab up`), throws instead. */
function throwOnParseErrors(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) throwOnParseErrors(sub);
}
