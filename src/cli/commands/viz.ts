import type { Command } from "commander";
import { loadConfig } from "../../config/index.js";
import { UsageError } from "../../errors.js";
import { configOption } from "../configOption.js";
import { intFlag } from "../intFlag.js";
import { preview } from "../../text/preview.js";
import { renderGraph, vizFormats, type VizFormat } from "../../viz/render.js";
import { serveLive } from "../../viz/live/serve.js";
import { writeOutput } from "../../viz/writeOutput.js";

interface VizOptions {
  format: string;
  out?: string;
  live?: boolean;
  port: string;
  config?: string;
  socket?: string;
}

/** `viz [--format mermaid|dot|svg|json] [--out FILE]` and `viz --live [--port N] [--config FILE]`. */
export function registerViz(program: Command): void {
  program
    .command("viz")
    .description("draw the agent's state machine from its definition, or (--live) serve a page showing the running agent's state")
    .option("--format <format>", `diagram format: ${vizFormats.join(", ")}`, "mermaid")
    .option("--out <file>", "write the diagram to FILE instead of stdout")
    .option("--live", "serve a live page on 127.0.0.1 fed by the agent's status socket")
    .option("--port <n>", "port of the live page (0 picks a free one)", "8477")
    .addOption(configOption("giving status.socket"))
    .option("--socket <path>", "status socket of the agent (overrides the config)")
    .action(async (opts: VizOptions) => {
      if (opts.live === true) return live(opts);
      if (!(vizFormats as readonly string[]).includes(opts.format)) {
        throw new UsageError(`--format must be one of ${vizFormats.join(", ")} (got ${preview(opts.format)})`);
      }
      await writeOutput(await renderGraph(opts.format as VizFormat), opts.out);
    });
}

async function live(opts: VizOptions): Promise<void> {
  const port = intFlag("--port", opts.port, 0, 65_535);
  const socketPath = opts.socket ?? (await loadConfig(opts.config)).status.socket;
  const server = await serveLive({ port, socketPath });
  process.stderr.write(`live view on ${server.url} (agent status from ${socketPath}); Ctrl-C to stop\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => void server.close().then(resolve);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
