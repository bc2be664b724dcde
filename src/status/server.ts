import { chmod, rm } from "node:fs/promises";
import { mkdir } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { dirname } from "node:path";
import { EnvironmentError } from "../errors.js";
import { isAgentListening } from "./client.js";

/**
 * Serves `GET /status` (JSON) on a unix socket, mode 0660. A socket file left by a crashed agent is
 * replaced; one that still answers means another agent is running, which is an error.
 */
export async function serveStatus(socket: string, status: () => unknown): Promise<{ close: () => Promise<void> }> {
  if (await isAgentListening(socket)) throw new EnvironmentError(`another agent is already serving status on ${socket}`);
  await mkdir(dirname(socket), { recursive: true });
  await rm(socket, { force: true });
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
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socket, resolve);
  });
  await chmod(socket, 0o660);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }).then(() => rm(socket, { force: true })),
  };
}
