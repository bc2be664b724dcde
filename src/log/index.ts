export { createLogger, type Logger, type LoggerOptions } from "./createLogger.js";
export { chooseLogMode, stdoutFacts, type LogMode, type StdoutFacts } from "./mode.js";
export { syslogPriority, prefixPriority } from "./syslog.js";
export { formatPretty } from "./pretty.js";
export { LogFields, type FieldSource } from "./logFields.js";
