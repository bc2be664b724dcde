import { request } from "node:http";

/** `GET /status` from the agent's unix socket: the parsed body, or null when no agent answers. */
export function fetchStatus(socket: string, timeoutMs = 2000): Promise<unknown> {
  return new Promise((resolve) => {
    const req = request({ socketPath: socket, path: "/status", method: "GET", timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        try {
          resolve(res.statusCode === 200 ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown) : null);
        } catch {
          resolve(null);
        }
      });
      res.on("error", () => resolve(null));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(null));
    req.end();
  });
}

/** True when something answers `GET /status` on the socket. */
export async function isAgentListening(socket: string): Promise<boolean> {
  return (await fetchStatus(socket, 1000)) !== null;
}
