import type { AgentInput, Profile } from "../../machines/index.js";
import { arrayOf, object, optional, recordOf } from "./shape.js";
import { bool, count, ifaceName, linkMtu, mtu, oneOf, str } from "./values.js";

/** The machine input an `xstate.init` record carries: replay starts the machine with it as is. */
export const inputShape = object<AgentInput>({
  minMtu: mtu,
  maxMtu: mtu,
  // Read from the link: loopback has 65536, and Linux allows far more.
  baselineMtu: linkMtu,
  baselineFixed: bool,
  currentMtu: linkMtu,
  // `mtu` optional and `url` new since profiles may only name a URL; `applyScope` absent before apply.scope.
  profiles: arrayOf(object<Profile>({ match: str, mtu: optional(mtu), url: optional(str) })),
  known: recordOf(mtu),
  healthIntervalMs: count,
  retryBaseMs: count,
  retryMaxMs: count,
  restoreOnStop: bool,
  applyScope: optional(oneOf("auto", "interface", "routes")),
  iface: optional(ifaceName),
});
