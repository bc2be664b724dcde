import { access } from "node:fs/promises";
import type { Command } from "commander";
import { configDocTable, configSchema, DEFAULT_CONFIG_PATH, loadConfig } from "../../config/index.js";
import { ExitCode } from "../../errors.js";
import { configOption } from "../configOption.js";

/** `config check [--config FILE]`, `config schema`, `config keys`: validate, print the schema, list the keys. */
export function registerConfig(program: Command): void {
  const config = program.command("config").description("check the config file or print its JSON Schema");
  config
    .command("check")
    .description("validate the config and print the effective config (file values over defaults) as JSON; exit 78 with one line per problem")
    .addOption(configOption("to check"))
    .action(async (opts: { config?: string }) => {
      const effective = await loadConfig(opts.config);
      const file = opts.config ?? DEFAULT_CONFIG_PATH;
      const exists = await access(file).then(
        () => true,
        () => false,
      );
      process.stderr.write(exists ? `${file}: valid\n` : `${file}: not found, using the defaults\n`);
      process.stdout.write(`${JSON.stringify(effective, null, 2)}\n`);
      process.exitCode = ExitCode.ok;
    });
  config
    .command("schema")
    .description("print the JSON Schema of the config file")
    .action(() => {
      process.stdout.write(`${JSON.stringify(configSchema(), null, 2)}\n`);
      process.exitCode = ExitCode.ok;
    });
  config
    .command("keys")
    .description("list every config key with its valid values, default and meaning (Markdown)")
    .action(() => {
      process.stdout.write(`${configDocTable()}\n`);
      process.exitCode = ExitCode.ok;
    });
}
