export { carrierOf, classify, createClassifier, tunnelsUp, vpnAdapters, type Classifier } from "./classify.js";
export { routedThrough } from "./carrier.js";
export { compilePatterns, defaultExclusions, defaultVpnPatterns, type PatternSet } from "./patterns.js";
export { parseSnapshotLine, type AdapterSnapshot, type NetworkSnapshot, type ParseResult } from "./snapshot.js";
