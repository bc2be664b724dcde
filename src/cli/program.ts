import { Command } from "commander";
import { AGENT_VERSION } from "../version.js";
import { registerDoctor } from "./commands/doctor.js";
import { registerReplay } from "./commands/replay.js";
import { registerProbe } from "./commands/probe.js";
import { registerLab } from "./commands/lab.js";
import { registerViz } from "./commands/viz.js";
import { registerReport } from "./commands/report.js";
import { registerConfig } from "./commands/config.js";
import { registerInstall } from "./commands/install.js";
import { registerUninstall } from "./commands/uninstall.js";
import { registerRun } from "./commands/run.js";
import { registerStatus } from "./commands/status.js";
import { registerLabWindows } from "./commands/labWindows.js";
import { addExitCodesHelp } from "./exitCodes.js";
import { optionDescription } from "./helpFormat.js";

/** The CLI's commands. Each command lives in its own file under `commands/` and registers itself here. */
export function buildProgram(): Command {
  const program = new Command("wsl-vpn-agent")
    .description("Keeps WSL2 networking working when Windows joins a VPN (path-MTU black holes).")
    .version(AGENT_VERSION)
    // Inherited by every command registered below.
    .configureHelp({ optionDescription });
  registerRun(program);
  registerStatus(program);
  registerReplay(program);
  registerDoctor(program);
  registerProbe(program);
  registerLab(program);
  registerLabWindows(program);
  registerViz(program);
  registerReport(program);
  registerConfig(program);
  registerInstall(program);
  registerUninstall(program);
  addExitCodesHelp(program);
  return program;
}
