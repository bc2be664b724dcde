import type { Option } from "commander";

/**
 * An option's help text with its default shown one way, `(default: VALUE)`, unquoted, also for an
 * option whose default is described rather than set (`-c, --config`: the default file, or the
 * defaults when it is missing). Pure.
 */
export function optionDescription(option: Option): string {
  const value: unknown = option.defaultValue;
  const shown = option.defaultValueDescription ?? (typeof value === "string" || typeof value === "number" ? String(value) : undefined);
  return shown === undefined ? option.description : `${option.description} (default: ${shown})`;
}
