import { ExitCode } from "./errors.js";
import { unsupportedNode } from "./nodeSupport.js";

// Imported first by src/cli.ts, so an old Node (apt's 18) stops here with one line, before any
// later module uses what it lacks (AbortSignal.any, node:sea).
const problem = unsupportedNode(process.versions.node, process.execPath);
if (problem !== null) {
  process.stderr.write(`wsl-vpn-agent: ${problem}\n`);
  process.exit(ExitCode.unavailable);
}
