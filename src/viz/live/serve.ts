import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { EnvironmentError, ExitCode } from "../../errors.js";
import { toDot } from "../dot.js";
import { machineGraph } from "../graph.js";
import { dotToSvg } from "../svg.js";
import { pageSvg } from "../pageSvg.js";
import { LiveFeed, type FeedStats } from "./feed.js";
import { isOwnHost } from "./hostCheck.js";
import { livePage } from "./page.js";

export interface LiveOptions {
  readonly port: number;
  readonly socketPath: string;
  readonly intervalMs?: number;
}

export interface LiveServer {
  readonly url: string;
  /** The feed's clients and the bytes they leave unread (bounded: see feed.ts). */
  stats(): FeedStats;
  close(): Promise<void>;
}

/** Loopback only: the page shows the agent's state and must not be reachable from the network. */
const HOST = "127.0.0.1";

/** Serves the live page (`/`) and its event stream (`/events`) on 127.0.0.1, to its own Host names only. */
export async function serveLive(options: LiveOptions): Promise<LiveServer> {
  const page = livePage(pageSvg(await dotToSvg(toDot(machineGraph()))));
  const feed = new LiveFeed(options.socketPath, options.intervalMs ?? 500);
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (!isOwnHost(req.headers.host, (server.address() as AddressInfo).port)) {
      res.writeHead(421, { "content-type": "text/plain" });
      res.end("misdirected request: the live view answers only to Host 127.0.0.1:PORT or localhost:PORT\n");
    } else if (req.method === "GET" && path === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(page);
    } else if (req.method === "GET" && path === "/events") {
      feed.attach(res);
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found\n");
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e) => reject(new EnvironmentError(`cannot serve the live view on ${HOST}:${options.port}: ${e.message}`, ExitCode.unavailable, { cause: e })));
    server.listen(options.port, HOST, () => resolve());
  });
  feed.start();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${HOST}:${port}/`,
    stats: () => feed.stats(),
    close: () =>
      new Promise<void>((resolve) => {
        feed.stop();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
