import { execa } from "execa";
import { describeFailure, runCommand } from "../../effects/run.js";
import { EnvironmentError } from "../../errors.js";
import { splitLines } from "../../lines/splitLines.js";
import { selfCommand } from "../cli.js";
import type { LabNames } from "../names.js";
import type { ShapeBuilder } from "./index.js";

/**
 * The `proxy` topology: a corporate network that allows HTTPS only through an explicit proxy. An
 * HTTP CONNECT proxy runs beside the corporate server (in its namespace, on a second address), so
 * the path wsl → proxy crosses the black hole exactly as wsl → server does; the router drops
 * direct wsl → server HTTPS. Port 3128 tunnels; 3129 answers 407 and 3130 answers 403, as proxies
 * that want credentials or forbid the target do.
 */
export interface ProxyEndpoints {
  readonly address: string;
  /** Tunnels to the server. */
  readonly tunnel: string;
  /** Answers every CONNECT with 407 Proxy Authentication Required. */
  readonly auth: string;
  /** Answers every CONNECT with 403 Forbidden. */
  readonly forbid: string;
}

const ADDRESS = "198.19.0.3";
const PORTS = { tunnel: 3128, auth: 3129, forbid: 3130 } as const;

/** The proxy topology's proxy URLs. Pure. */
export function proxyEndpoints(): ProxyEndpoints {
  const url = (port: number): string => `http://${ADDRESS}:${port}`;
  return { address: ADDRESS, tunnel: url(PORTS.tunnel), auth: url(PORTS.auth), forbid: url(PORTS.forbid) };
}

/** The router's extra rules: direct HTTPS from the wsl side to the server is dropped (as a firewall does). Pure. */
export function proxyRouterRules(n: LabNames): string {
  return [
    "table inet labproxy {",
    "  chain forward {",
    "    type filter hook forward priority -1; policy accept;",
    `    iifname "to-wsl" ip daddr ${n.addresses.server} tcp dport 443 drop`,
    "  }",
    "}",
    "",
  ].join("\n");
}

export const buildProxy: ShapeBuilder = async ({ names }) => {
  const { router, server } = names.ns;
  const add = await runCommand(["ip", "-n", server, "addr", "add", `${ADDRESS}/24`, "dev", "eth0"], { timeoutMs: 10_000 });
  if (!add.ok) throw new EnvironmentError(`lab setup (proxy): ${describeFailure(add)}`);
  const nft = await runCommand(["ip", "netns", "exec", router, "nft", "-f", "-"], { input: proxyRouterRules(names), timeoutMs: 10_000 });
  if (!nft.ok) throw new EnvironmentError(`lab setup (proxy): ${describeFailure(nft)}`);
  const args = ["netns", "exec", server, ...selfCommand(), "lab", "proxy", "--host", ADDRESS, "--port", String(PORTS.tunnel), "--answer", `${PORTS.auth}=407`, `${PORTS.forbid}=403`];
  const child = execa("ip", args, { reject: false, buffer: false, stdin: "ignore", stderr: "inherit" });
  const stop = async (): Promise<void> => {
    child.kill("SIGTERM");
    await child;
  };
  for await (const line of splitLines(child.stdout, 1024)) {
    if (line.bytes.toString().startsWith("listening")) return { stop };
  }
  const end = await child;
  throw new EnvironmentError(`lab proxy did not start (exit ${end.exitCode ?? end.signal ?? "?"})`);
};
