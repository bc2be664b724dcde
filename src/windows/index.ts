export { classify, createClassifier, type Classifier } from "./classify.js";
export { compilePatterns, defaultExclusions, defaultVpnPatterns, type PatternSet } from "./patterns.js";
export { parseSnapshotLine, type AdapterSnapshot, type NetworkSnapshot, type ParseResult } from "./snapshot.js";
