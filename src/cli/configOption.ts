import { Option } from "commander";
import { DEFAULT_CONFIG_PATH } from "../config/index.js";

/** `-c, --config <file>`, the same on every command that reads the config; `what` says what the command takes from it. */
export function configOption(what: string): Option {
  return new Option("-c, --config <file>", `config file ${what}`).default(undefined, `${DEFAULT_CONFIG_PATH}, the defaults when it is missing`);
}
