import { readFile } from "node:fs/promises";
import { ConfigError } from "../errors.js";
import { fileProblems } from "./fileProblems.js";
import { parseJson } from "./parseJson.js";
import type { AgentConfig } from "./types.js";
import { defaultConfig, validateConfig } from "./validate.js";

/** Where the agent looks when no `--config` is given. */
export const DEFAULT_CONFIG_PATH = "/etc/wsl-vpn-agent/config.json";

/**
 * Reads, parses and validates a config file. An explicit `path` that is missing is an error; the
 * default path missing means the defaults. Every problem is one line of the ConfigError (exit 78),
 * prefixed with the file name. Files the config names (`verify.caFile`) must exist.
 */
export async function loadConfig(path?: string): Promise<AgentConfig> {
  const file = path ?? DEFAULT_CONFIG_PATH;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && path === undefined) return defaultConfig();
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : code === "EISDIR" ? "is a directory" : ((error as Error).message ?? String(error));
    throw new ConfigError([`${file}: cannot read config: ${why}`], { cause: error });
  }
  const parsed = parseJson(text);
  if (!parsed.ok) throw new ConfigError([`${file}: ${parsed.problem}`]);
  const result = validateConfig(parsed.value);
  if (!result.ok) throw new ConfigError(result.problems.map((p) => `${file}: ${p}`));
  const files = await fileProblems(result.config);
  if (files.length > 0) throw new ConfigError(files.map((p) => `${file}: ${p}`));
  return result.config;
}
