import { isCanonicalPrefix } from "../windows/prefix.js";
import { arrayOf, isObject, leaf, type Shape } from "./shape.js";

/** A split tunnel's prefix as the agent writes it: canonical, so equality in replay is stable. */
const prefix = leaf("an IPv4 prefix in canonical form like 10.0.0.0/8 (network address)", (v) => typeof v === "string" && isCanonicalPrefix(v));
/** A list of such prefixes (a split tunnel's, or the agent's routes). */
export const prefixes = arrayOf(prefix);

/** `{kind: "full"}` or `{kind: "split", prefixes: [...]}` (machines/vpn.ts `Tunnel`). */
export const tunnelShape: Shape = (v) => {
  if (!isObject(v)) return { path: "", expected: "an object", got: v };
  if (v.kind === "full") return null;
  if (v.kind !== "split") return { path: ".kind", expected: 'one of "full", "split"', got: v.kind };
  const m = prefixes(v.prefixes);
  return m === null ? null : { ...m, path: `.prefixes${m.path}` };
};

