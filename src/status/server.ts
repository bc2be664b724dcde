import { chmod, mkdir, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { dirname } from "node:path";
import { onConfigPath } from "../config/pathError.js";
import { ConfigError, EnvironmentError } from "../errors.js";
import { isAgentListening } from "./client.js";

/** sun_path holds 108 bytes with the terminating NUL. */
export const MAX_SOCKET_PATH = 107;

/**
 * Serves `GET /status` (JSON) on a unix socket, mode 0660. A socket file left by a crashed agent is
 * replaced; one that still answers means another agent is running, which is an error. A socket
 * path that cannot be used is a named error (78, or 77 for permission) naming `key`.
 */
export async function serveStatus(socket: string, status: () => unknown, key = "status.socket"): Promise<{ close: () => Promise<void> }> {
  if (await isAgentListening(socket)) throw new EnvironmentError(`another agent is already serving status on ${socket}`);
  const server: Server = createServer((req, res) => {
    if (req.method === "GET" && (req.url === "/status" || req.url === "/")) {
      const body = JSON.stringify(status());
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(body);
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found: GET /status\n");
  });
  // Longer, and the kernel would silently bind a truncated name, which nothing could find or remove.
  if (Buffer.byteLength(socket) > MAX_SOCKET_PATH) throw new ConfigError([`${key}: cannot listen on ${socket}: longer than ${MAX_SOCKET_PATH} bytes, the kernel's limit for a socket path`]);
  await onConfigPath(key, "listen on", socket, async () => {
    await mkdir(dirname(socket), { recursive: true });
    await rm(socket, { force: true });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socket, resolve);
    });
    await chmod(socket, 0o660);
  }).catch(async (error: unknown) => {
    // A server left listening would keep the process alive after the error that ends it.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(socket, { force: true }).catch(() => undefined);
    throw error;
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }).then(() => rm(socket, { force: true })),
  };
}
