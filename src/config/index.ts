export { loadConfig, DEFAULT_CONFIG_PATH } from "./load.js";
export { validateConfig, defaultConfig, type Validation } from "./validate.js";
export { configSchema, SCHEMA_ASSET } from "./schema.js";
export { CONFIG_KEYS, CONFIG_PATHS } from "./keys.js";
export { configDocTable } from "./docTable.js";
export type { AgentConfig, ConfigPath, LogLevel } from "./types.js";
