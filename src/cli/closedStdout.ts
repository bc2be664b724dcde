import { ExitCode } from "../errors.js";

/** Exit code of a command whose reader closed the pipe (`replay J | head -1`). */
export const CLOSED_PIPE_EXIT = ExitCode.closedPipe;

/**
 * What happens when stdout's reader goes away (EPIPE): a command printing a result stops at once
 * with `CLOSED_PIPE_EXIT` and no message, as `cat` or `grep` would; the agent (`run`) keeps running,
 * its logs lost, rather than leave an interface at a probing MTU.
 */
export function onClosedStdout(mode: "exit" | "ignore"): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    if (mode === "exit") process.exit(CLOSED_PIPE_EXIT);
  });
}
