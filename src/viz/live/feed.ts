import type { ServerResponse } from "node:http";
import { readStatus, type StatusReading } from "../../status/client.js";

/**
 * Polls the agent's status and pushes each change to the connected pages as a server-sent event.
 * Polling (not a push from the agent) keeps the agent's endpoint a plain `GET /status`.
 */
export class LiveFeed {
  private readonly clients = new Set<ServerResponse>();
  private last = "";
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly socketPath: string,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    void this.poll();
  }

  /** Registers a page's event stream and sends it the latest reading at once. */
  attach(res: ServerResponse): void {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    res.write("retry: 1000\n\n");
    if (this.last !== "") res.write(this.last);
    this.clients.add(res);
    res.on("close", () => this.clients.delete(res));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private async poll(): Promise<void> {
    const reading = await readStatus(this.socketPath);
    this.publish(reading);
    if (!this.stopped) this.timer = setTimeout(() => void this.poll(), this.intervalMs);
  }

  private publish(reading: StatusReading): void {
    const message = `event: status\ndata: ${JSON.stringify(reading)}\n\n`;
    if (message === this.last) return;
    this.last = message;
    for (const res of this.clients) res.write(message);
  }
}
