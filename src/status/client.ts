import { request } from "node:http";

import type { AgentStatus } from "./contract.js";

export type StatusReading = { readonly up: true; readonly status: AgentStatus } | { readonly up: false; readonly reason: string };

/** Asks the agent for its status over its unix socket. Never throws: an absent agent is a reading. */
export function readStatus(socketPath: string, timeoutMs = 2_000): Promise<StatusReading> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: "/status", method: "GET", timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", (e) => resolve({ up: false, reason: e.message }));
      res.on("end", () => {
        if (res.statusCode !== 200) return resolve({ up: false, reason: `status endpoint answered HTTP ${res.statusCode}` });
        resolve(parse(Buffer.concat(chunks).toString("utf8")));
      });
    });
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ up: false, reason: why(e, socketPath) }));
    req.end();
  });
}

function parse(text: string): StatusReading {
  try {
    const value = JSON.parse(text) as Partial<AgentStatus>;
    if (typeof value.state !== "string") return { up: false, reason: "status has no state" };
    return { up: true, status: { ...value, recent: Array.isArray(value.recent) ? value.recent : [] } as AgentStatus };
  } catch (error) {
    return { up: false, reason: `status is not JSON: ${(error as Error).message}` };
  }
}

function why(e: NodeJS.ErrnoException, socketPath: string): string {
  if (e.code === "ENOENT") return `no agent socket at ${socketPath}`;
  if (e.code === "ECONNREFUSED") return `agent not listening on ${socketPath}`;
  if (e.code === "EACCES") return `permission denied on ${socketPath} (run as root or join the agent's group)`;
  return e.message;
}

/** The running agent's status, or null when no agent answers. */
export async function fetchStatus(socketPath: string, timeoutMs = 2_000): Promise<AgentStatus | null> {
  const reading = await readStatus(socketPath, timeoutMs);
  return reading.up ? reading.status : null;
}

/** True when something answers `GET /status` on the socket. */
export async function isAgentListening(socket: string): Promise<boolean> {
  return (await readStatus(socket, 1000)).up;
}
