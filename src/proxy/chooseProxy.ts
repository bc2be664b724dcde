import { noProxyExcludes } from "./noProxy.js";
import { parseProxyUrl, type ProxyEndpoint } from "./proxyUrl.js";

export type ProxyChoice = { readonly proxy: ProxyEndpoint | null; readonly note?: string } | { readonly error: string };

/** The environment variables read, in order: the first non-empty one wins (curl's order). */
const PROXY_VARS = ["https_proxy", "HTTPS_PROXY"] as const;
const NO_PROXY_VARS = ["no_proxy", "NO_PROXY"] as const;

function firstSet(env: NodeJS.ProcessEnv, names: readonly string[]): { name: string; value: string } | null {
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== "") return { name, value: value.trim() };
  }
  return null;
}

/**
 * The proxy for `url`: the explicit one (config key `verify.proxy` or `--proxy`, named by `source`) when given;
 * otherwise https_proxy / HTTPS_PROXY from `env`, unless no_proxy / NO_PROXY excludes the URL's
 * host (noProxy.ts lists the forms). A malformed variable is an error naming it. Pure.
 */
export function chooseProxy(url: string, explicit: { readonly raw: string; readonly source: string } | null, env: NodeJS.ProcessEnv): ProxyChoice {
  if (explicit !== null) {
    const given = parseProxyUrl(explicit.raw, explicit.source);
    return "problem" in given ? { error: `${explicit.source}: ${given.problem}` } : { proxy: given };
  }
  const set = firstSet(env, PROXY_VARS);
  if (set === null) return { proxy: null };
  const u = new URL(url);
  const port = u.port === "" ? 443 : Number(u.port);
  const exclusion = firstSet(env, NO_PROXY_VARS);
  if (exclusion !== null && noProxyExcludes(exclusion.value, u.hostname, port)) {
    return { proxy: null, note: `${set.name} not used: ${exclusion.name} excludes ${u.hostname}` };
  }
  const parsed = parseProxyUrl(set.value, set.name, true);
  return "problem" in parsed ? { error: `${set.name}: ${parsed.problem}` } : { proxy: parsed };
}
