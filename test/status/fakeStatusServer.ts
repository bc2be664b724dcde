import { createServer, type Server, type Socket } from "node:net";

/**
 * A raw server on a unix socket that answers the first request with whatever `answer` writes: a
 * stand-in for an agent that is slow, huge, broken or hostile. Closed with `close()`.
 */
export async function fakeStatusServer(path: string, answer: (socket: Socket) => void): Promise<{ close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on("error", () => undefined);
    s.on("close", () => sockets.delete(s));
    s.once("data", () => answer(s));
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A complete HTTP/1.1 200 answer carrying `body`. */
export function httpAnswer(body: string | Buffer): Buffer {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  return Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${bytes.length}\r\n\r\n`), bytes]);
}
