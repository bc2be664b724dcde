import { isUtf8 } from "node:buffer";
import { ConfigError } from "../errors.js";
import { readBounded, TooLarge } from "../fs/readBounded.js";
import { readErrorReason } from "../fs/fileErrorReason.js";
import { fileProblems } from "./fileProblems.js";
import { parseJson } from "./parseJson.js";
import type { AgentConfig } from "./types.js";
import { defaultConfig, validateConfig } from "./validate.js";

/** Where the agent looks when no `--config` is given. */
export const DEFAULT_CONFIG_PATH = "/etc/wsl-vpn-agent/config.json";

/** Largest config file read: a real one is a few KB; the limit keeps a runaway file from costing memory and time. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Reads, parses and validates a config file. An explicit `path` that is missing is an error; the
 * default path missing means the defaults. Every problem is one line of the ConfigError (exit 78),
 * prefixed with the file name. Files the config names (`verify.caFile`) must exist.
 */
export async function loadConfig(path?: string): Promise<AgentConfig> {
  const file = path ?? DEFAULT_CONFIG_PATH;
  let bytes: Buffer;
  try {
    bytes = await readBounded(file, MAX_CONFIG_BYTES);
  } catch (error) {
    if (error instanceof TooLarge) throw new ConfigError([`${file}: cannot read config: larger than ${MAX_CONFIG_BYTES} bytes (1 MiB), which no config needs`]);
    const reason = readErrorReason(error);
    if (reason === null) throw error;
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && path === undefined) return defaultConfig();
    throw new ConfigError([`${file}: cannot read config: ${reason}`], { cause: error });
  }
  const bad = firstNonUtf8Line(bytes);
  if (bad !== null) throw new ConfigError([`${file}: line ${bad} is not valid UTF-8 text (save the file as UTF-8)`]);
  const parsed = parseJson(bytes.toString("utf8"));
  if (!parsed.ok) throw new ConfigError([`${file}: ${parsed.problem}`]);
  const result = validateConfig(parsed.value);
  if (!result.ok) throw new ConfigError(result.problems.map((p) => `${file}: ${p}`));
  const files = await fileProblems(result.config);
  if (files.length > 0) throw new ConfigError(files.map((p) => `${file}: ${p}`));
  return result.config;
}

/** The 1-based number of the first line that is not UTF-8, or null. Pure. */
function firstNonUtf8Line(bytes: Buffer): number | null {
  if (isUtf8(bytes)) return null;
  let line = 1;
  for (let from = 0; from <= bytes.length; line++) {
    const nl = bytes.indexOf(0x0a, from);
    const end = nl === -1 ? bytes.length : nl;
    if (!isUtf8(bytes.subarray(from, end))) return line;
    if (nl === -1) break;
    from = nl + 1;
  }
  return line;
}
