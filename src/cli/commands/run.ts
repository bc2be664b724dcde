import type { Command } from "commander";
import { loadConfig } from "../../config/index.js";
import { randomUUID } from "node:crypto";
import { createLogger, LogFields } from "../../log/index.js";
import { AGENT_VERSION } from "../../version.js";
import { ExitCode } from "../../errors.js";
import { configOption } from "../configOption.js";
import { startAgent } from "../../runtime/agent.js";

/** Longest a stop may take before the process gives up waiting (systemd's default stop timeout is far longer). */
const STOP_DEADLINE_MS = 4500;

/** `run [--config FILE] [--dry-run]`: the agent itself, until SIGTERM or SIGINT. */
export function registerRun(program: Command): void {
  program
    .command("run")
    .description("run the agent: watch Windows and eth0, probe, apply, verify, roll back, restore")
    .addOption(configOption("to run with"))
    .option("--dry-run", "probe and log what would be done, change nothing")
    .action(async (opts: { config?: string; dryRun?: boolean }) => {
      const config = await loadConfig(opts.config);
      // Every line of this start says which start it is (run) and which release (version): fleets' log pipelines group by them.
      const fields = new LogFields();
      const log = createLogger({ level: config.log.level, bindings: { run: randomUUID(), version: AGENT_VERSION }, fields });
      const agent = await startAgent({ config, log, dryRun: opts.dryRun === true, logFields: fields });
      const onSignal = (signal: NodeJS.Signals): void => {
        const deadline = setTimeout(() => {
          log.error({ event: "agent.stop_timeout" }, `stop took longer than ${STOP_DEADLINE_MS} ms; exiting anyway`);
          log.flush();
          process.exit(1);
        }, STOP_DEADLINE_MS);
        deadline.unref();
        void agent.stop(`received ${signal}`);
      };
      process.once("SIGTERM", onSignal);
      process.once("SIGINT", onSignal);
      const { failure } = await agent.stopped;
      process.off("SIGTERM", onSignal);
      process.off("SIGINT", onSignal);
      log.flush();
      // Non-zero after a failure, so systemd's Restart=on-failure starts a fresh agent.
      process.exitCode = failure === null ? ExitCode.ok : ExitCode.unavailable;
    });
}
