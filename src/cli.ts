import { runCli } from "./cli/run.js";

// Entry point of the bundled CLI (dist/cli.js).
process.exitCode = await runCli(process.argv.slice(2));
