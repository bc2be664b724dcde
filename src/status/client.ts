import { request } from "node:http";
import { nestedDeeperThan } from "../json/depth.js";
import type { AgentStatus } from "./contract.js";
import { statusProblem } from "./statusShape.js";

/**
 * A status reading: the agent's status; no agent (nothing listens on the socket); or something
 * listening that gives no status (`unusable`: too slow, too large, not JSON, not the contract's shape).
 */
export type StatusReading = { readonly up: true; readonly status: AgentStatus } | { readonly up: false; readonly reason: string; readonly unusable?: true };

/** The limits of one status reading: a real reply is a few KB, answered in milliseconds, nested about five levels. */
export const STATUS_LIMITS = { bytes: 1024 * 1024, ms: 2_000, depth: 32 } as const;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Asks the agent for its status over its unix socket. Never throws: an absent agent is a reading.
 * Bounded whatever answers: the whole exchange must end within `timeoutMs` (not only each gap in
 * it), and a reply over STATUS_LIMITS.bytes is cut off unread.
 */
export function readStatus(socketPath: string, timeoutMs: number = STATUS_LIMITS.ms): Promise<StatusReading> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (reading: StatusReading): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      req.destroy();
      resolve(reading);
    };
    const unusable = (reason: string): void => done({ up: false, reason, unusable: true });
    const req = request({ socketPath, path: "/status", method: "GET" }, (res) => {
      if (res.statusCode !== 200) return unusable(`status endpoint answered HTTP ${res.statusCode}`);
      if (Number(res.headers["content-length"]) > STATUS_LIMITS.bytes) return unusable(`status reply larger than ${STATUS_LIMITS.bytes} bytes`);
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > STATUS_LIMITS.bytes) return unusable(`status reply larger than ${STATUS_LIMITS.bytes} bytes`);
        chunks.push(c);
      });
      res.on("error", (e) => done({ up: false, reason: e.message }));
      res.on("end", () => done(parse(Buffer.concat(chunks))));
    });
    // Something accepted the connection (a unix socket refuses at once otherwise) but did not answer
    // in time: a hung agent still holds the socket and the interface, so this is not "no agent".
    const deadline = setTimeout(() => unusable(`no complete answer within ${timeoutMs} ms`), timeoutMs);
    req.on("error", (e: NodeJS.ErrnoException) => done({ up: false, reason: why(e, socketPath) }));
    req.end();
  });
}

function parse(body: Buffer): StatusReading {
  const bad = (reason: string): StatusReading => ({ up: false, reason, unusable: true });
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(body));
  } catch (error) {
    return bad(error instanceof TypeError ? "status reply is not UTF-8" : "status reply is not JSON");
  }
  if (nestedDeeperThan(value, STATUS_LIMITS.depth)) return bad(`status reply nested deeper than ${STATUS_LIMITS.depth} levels`);
  const problem = statusProblem(value);
  if (problem !== null) return bad(`status reply breaks the contract: ${problem}`);
  return { up: true, status: value as AgentStatus };
}

function why(e: NodeJS.ErrnoException, socketPath: string): string {
  if (e.code === "ENOENT") return `no agent socket at ${socketPath}`;
  if (e.code === "ECONNREFUSED") return `agent not listening on ${socketPath}`;
  if (e.code === "EACCES") return `permission denied on ${socketPath} (run as root or join the agent's group)`;
  return e.message;
}

/** The running agent's status, or null when no agent answers. */
export async function fetchStatus(socketPath: string, timeoutMs: number = STATUS_LIMITS.ms): Promise<AgentStatus | null> {
  const reading = await readStatus(socketPath, timeoutMs);
  return reading.up ? reading.status : null;
}

/** True when something holds the socket, even one that answers `GET /status` too slowly or not with a status: the socket is taken. */
export async function isAgentListening(socket: string): Promise<boolean> {
  const reading = await readStatus(socket, 1000);
  return reading.up || reading.unusable === true;
}
