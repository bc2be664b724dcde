import type { AgentConfig } from "../config/index.js";
import { chooseProxy, type ProxyChoice } from "../proxy/chooseProxy.js";

/** The proxy the agent uses for `url`: verify.proxy, else https_proxy unless no_proxy excludes the host. Pure. */
export function configuredProxy(config: Pick<AgentConfig, "verify">, url: string, env: NodeJS.ProcessEnv): ProxyChoice {
  const raw = config.verify.proxy;
  return chooseProxy(url, raw === null ? null : { raw, source: "verify.proxy" }, env);
}
