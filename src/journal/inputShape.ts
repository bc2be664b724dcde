import type { AgentInput, Profile } from "../../machines/index.js";
import { arrayOf, object, recordOf } from "./shape.js";
import { bool, count, mtu, str } from "./values.js";

/** The machine input an `xstate.init` record carries: replay starts the machine with it as is. */
export const inputShape = object<AgentInput>({
  minMtu: mtu,
  maxMtu: mtu,
  baselineMtu: mtu,
  baselineFixed: bool,
  currentMtu: mtu,
  profiles: arrayOf(object<Profile>({ match: str, mtu })),
  known: recordOf(mtu),
  healthIntervalMs: count,
  retryBaseMs: count,
  retryMaxMs: count,
  restoreOnStop: bool,
});
