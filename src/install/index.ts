export { install, type InstallOptions } from "./install.js";
export { uninstall, type UninstallOptions } from "./uninstall.js";
export { LAYOUT, BINFMT_LINE, SERVICE } from "./layout.js";
export { renderUnit } from "./unit.js";
export { bundledUnitTemplate, runningBundle, type ProgramSource } from "./source.js";
