import type { AgentInput, Profile } from "../../machines/index.js";
import { arrayOf, object, recordOf } from "./shape.js";
import { bool, count, linkMtu, mtu, str } from "./values.js";

/** The machine input an `xstate.init` record carries: replay starts the machine with it as is. */
export const inputShape = object<AgentInput>({
  minMtu: mtu,
  maxMtu: mtu,
  // Read from the link: loopback has 65536, and Linux allows far more.
  baselineMtu: linkMtu,
  baselineFixed: bool,
  currentMtu: linkMtu,
  profiles: arrayOf(object<Profile>({ match: str, mtu })),
  known: recordOf(mtu),
  healthIntervalMs: count,
  retryBaseMs: count,
  retryMaxMs: count,
  restoreOnStop: bool,
});
