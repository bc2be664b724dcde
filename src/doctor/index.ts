export type { Check, CheckResult, DoctorContext, DoctorEnv } from "./check.js";
export { checkConfig } from "./checks/config.js";
export { iniValue } from "./checks/systemd.js";
export { vsockProblem } from "./checks/vsock.js";
export { formatJson, formatText } from "./format.js";
export { allGood, runDoctor } from "./runDoctor.js";
