import { type Command, CommanderError } from "commander";
import { AgentError, ExitCode } from "../errors.js";
import { escapeControl } from "../text/escapeControl.js";
import { onClosedStdout } from "./closedStdout.js";
import { buildProgram } from "./program.js";

/**
 * Runs the CLI and returns its exit code. The one top-level catch: known errors become their exit
 * code and one clean message; anything else is a bug (70) and keeps its stack.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  throwOnParseErrors(program);
  onClosedStdout(argv[0] === "run" ? "ignore" : "exit");
  try {
    await program.parseAsync([...argv], { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version asked for are not failures; help shown because no command was given is.
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return ExitCode.ok;
      if (error.code === "commander.help") return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
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

/**
 * Commander exits by itself unless each command, nested ones too (`lab up`), throws instead. Its
 * parse errors become one line like every other error: the program's prefix, the command, the
 * problem and where to read the usage, instead of the whole help.
 */
function throwOnParseErrors(command: Command): void {
  command.exitOverride();
  const path = commandPath(command);
  command.configureOutput({
    outputError: (message, write) => {
      const problem = escapeControl(message.trim().replace(/^error: /, "").replace(/\n+/g, " "));
      write(`${path.join(": ")}: ${problem} (see '${path.join(" ")} --help')\n`);
    },
  });
  for (const sub of command.commands) throwOnParseErrors(sub);
}

function commandPath(command: Command): string[] {
  const names: string[] = [];
  for (let c: Command | null = command; c !== null; c = c.parent) names.unshift(c.name());
  return names;
}
