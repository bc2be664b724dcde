import type { Command } from "commander";
import { UsageError } from "../../errors.js";
import { serveProxy } from "../../lab/connectProxy.js";
import { intFlag } from "../intFlag.js";

/** `lab proxy` (hidden): the proxy topology's HTTP CONNECT proxy, run inside the lab's server namespace. */
export function registerLabProxy(lab: Command): void {
  lab
    .command("proxy", { hidden: true })
    .requiredOption("--host <address>")
    .requiredOption("--port <n>", "the port that tunnels")
    .option("--answer <port=status...>", "a port that answers every CONNECT with this status (407, 403)", [])
    .action(async (f: { host: string; port: string; answer: string[] }) => {
      const answers = new Map<number, number>();
      for (const a of f.answer) {
        const m = /^(\d+)=(\d{3})$/.exec(a);
        if (m === null) throw new UsageError(`--answer: expected port=status, got ${a}`);
        answers.set(intFlag("--answer port", m[1] ?? "", 1, 65_535), intFlag("--answer status", m[2] ?? "", 100, 599));
      }
      await serveProxy({ host: f.host, tunnelPort: intFlag("--port", f.port, 1, 65_535), answers });
      await new Promise(() => {}); // serve until a signal
    });
}
