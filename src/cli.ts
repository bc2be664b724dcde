// Entry point of the bundle (dist/cli.js, and the executable's dist/sea/cli.cjs). The version check
// comes first: see checkNode.ts. No top-level await, so the same entry also builds as CommonJS,
// the only format V8's code cache takes in a single executable.
import "./checkNode.js";
import { runCli } from "./cli/run.js";

void runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
