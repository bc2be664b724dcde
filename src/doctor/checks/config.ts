import { access } from "node:fs/promises";
import { DEFAULT_CONFIG_PATH, defaultConfig, loadConfig, type AgentConfig } from "../../config/index.js";
import { ConfigError } from "../../errors.js";
import type { CheckResult } from "../check.js";

const id = "config";
const title = "config file";

/**
 * Loads the config the agent would run with. A bad one is a failed check, not the end of the
 * doctor: the other checks then run on the defaults.
 */
export async function checkConfig(file: string | undefined): Promise<{ result: CheckResult; config: AgentConfig }> {
  const path = file ?? DEFAULT_CONFIG_PATH;
  try {
    const config = await loadConfig(file);
    const detail = file === undefined && !(await access(path).then(() => true, () => false)) ? `${path} not found: the agent runs on the defaults` : `${path} is valid`;
    return { result: { id, title, status: "ok", detail }, config };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const result: CheckResult = {
      id, title, status: "fail",
      detail: `${error.problems.join("; ")} (the checks below use the defaults)`,
      fix: `fix the config until \`wsl-vpn-agent config check --config ${path}\` passes (keys: docs/configuration.md)`,
    };
    return { result, config: defaultConfig() };
  }
}
