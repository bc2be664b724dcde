// What the runtime and the CLI use from the probing engine.
export { runProbe, type ProbeOptions, type ProbeOutcome } from "./runProbe.js";
export type { ProbeProgress } from "./progress.js";
export type { ProbeFailure, ProbeFailureKind } from "./failure.js";
export { pathTo } from "../effects/routeGet.js";
export { cleanupProbeState } from "./routes.js";
export { resolveTarget } from "./target.js";
export { DEFAULTS, DEFAULT_RANGES, type OwnedRanges, type NumberRange } from "./config.js";
export { bracketOf, isExact, nextCandidates, hintSizes, ladder, VPN_OVERHEADS, type Bracket } from "./candidates.js";
