import type { Command } from "commander";
import { ExitCode } from "../errors.js";

/** One exit code of a command and what it means there. */
export type ExitCodeRow = readonly [code: number, meaning: string];

const INTERRUPTED: readonly ExitCodeRow[] = [
  [130, "interrupted by Ctrl-C (SIGINT), after cleaning up"],
  [143, "stopped by SIGTERM, after cleaning up"],
];

/** Each command's own codes (its subcommands share them), the codes every command has excepted. */
const OWN: Readonly<Record<string, readonly ExitCodeRow[]>> = {
  run: [
    [ExitCode.ok, "stopped by SIGTERM or SIGINT after restoring what it changed"],
    [ExitCode.failure, "did not stop within its deadline after a signal"],
    [ExitCode.unavailable, "something it cannot repair from inside failed (its `ip monitor` child, the journal); systemd restarts it"],
    [ExitCode.tempFail, "another agent or `probe --apply` holds the state directory's lock (`agent.lock`); nothing was changed"],
    [ExitCode.noPermission, "a system path it needs may not be opened (run it as root, as the service does)"],
    [ExitCode.config, "the config file is invalid (one line per problem)"],
  ],
  status: [
    [ExitCode.ok, "the status was shown"],
    [ExitCode.notRunning, "no agent is running (nothing answers on the status socket)"],
    [ExitCode.unavailable, "what answers is not a usable status"],
    [ExitCode.noPermission, "the status socket may not be opened (use sudo)"],
    [ExitCode.config, "the config file is invalid"],
  ],
  replay: [
    [ExitCode.ok, "every recorded state is reproduced"],
    [ExitCode.failure, "a divergence (the first one is shown with its line)"],
    [ExitCode.data, "the journal cannot be read"],
  ],
  doctor: [
    [ExitCode.ok, "every check passed"],
    [ExitCode.failure, "at least one check failed (each says how to fix it)"],
  ],
  probe: [
    [ExitCode.ok, "the MTU was found (with --apply: applied and verified)"],
    [ExitCode.failure, "no size carries TLS, or --apply's verification failed and the MTU was rolled back"],
    [ExitCode.unavailable, "the target cannot be reached at all (no address, no TCP, a proxy refusing)"],
    [ExitCode.tempFail, "--apply while an agent (or another `probe --apply`) runs: it holds the state directory's lock or answers on the status socket; without --apply, beside a running agent when only the sequential method could run"],
    [ExitCode.noPermission, "not root (policy routes need CAP_NET_ADMIN)"],
    [ExitCode.config, "the config file is invalid"],
    ...INTERRUPTED,
  ],
  lab: [
    [ExitCode.ok, "done (`lab demo`: every step of the story happened)"],
    [ExitCode.failure, "`lab demo`: a step did not happen (the story says which); `lab exec`: the command's own exit code"],
    [ExitCode.unavailable, "`lab exec` with no lab up, or a tool the lab needs is missing"],
    [ExitCode.noPermission, "not root (network namespaces)"],
    ...INTERRUPTED,
  ],
  viz: [
    [ExitCode.ok, "drawn (or the live view served until Ctrl-C)"],
    [ExitCode.failure, "the output file cannot be written"],
    [ExitCode.unavailable, "--live: the port cannot be served"],
    [ExitCode.config, "--live: the config file is invalid"],
  ],
  report: [
    [ExitCode.ok, "the report was written"],
    [ExitCode.failure, "the report file cannot be written"],
    [ExitCode.data, "the journal cannot be read"],
  ],
  config: [
    [ExitCode.ok, "valid (`check`), or printed (`schema`, `keys`)"],
    [ExitCode.config, "`check`: the config is invalid (one line per problem)"],
  ],
  install: [
    [ExitCode.ok, "installed (when systemd is not running, the last line says the service is NOT running)"],
    [ExitCode.unavailable, "a file is in the way, or systemctl failed (the message names it)"],
    [ExitCode.noPermission, "not root (use sudo)"],
  ],
  uninstall: [
    [ExitCode.ok, "removed (or nothing was installed)"],
    [ExitCode.unavailable, "a file is in the way, or systemctl failed (the message names it)"],
    [ExitCode.noPermission, "not root (use sudo)"],
  ],
};

const USAGE: ExitCodeRow = [ExitCode.usage, "a bad command line (the message names the argument)"];
const SOFTWARE: ExitCodeRow = [ExitCode.software, "an internal error, a bug (the message keeps its stack)"];
const CLOSED_PIPE: ExitCodeRow = [ExitCode.closedPipe, "its reader closed stdout (piped into head, say)"];

/** The exit codes of top-level command `name`, in ascending order. Pure. */
export function exitCodesOf(name: string): readonly ExitCodeRow[] {
  const own = OWN[name];
  if (own === undefined) throw new Error(`no exit codes listed for the command "${name}"`);
  // `run` ignores a closed stdout: the service's log must not end the agent.
  const common = name === "run" ? [USAGE, SOFTWARE] : [USAGE, SOFTWARE, CLOSED_PIPE];
  return [...own, ...common].sort((a, b) => a[0] - b[0]);
}

/** The commands the table covers, in the order the CLI lists them. */
export const COMMANDS_WITH_EXIT_CODES = Object.keys(OWN);

/** The "Exit codes:" section of a command's help. Pure. */
export function exitCodesHelp(name: string): string {
  return `\nExit codes:\n${exitCodesOf(name).map(([code, meaning]) => `  ${String(code).padEnd(4)}${meaning}`).join("\n")}\n`;
}

/** Adds its "Exit codes:" section to each top-level command's help and to each of its subcommands'. */
export function addExitCodesHelp(program: Command): void {
  for (const command of program.commands) {
    const text = exitCodesHelp(command.name());
    const withSubs = (c: Command): void => {
      c.addHelpText("after", text);
      for (const sub of c.commands) withSubs(sub);
    };
    withSubs(command);
  }
}
