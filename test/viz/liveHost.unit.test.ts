import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isOwnHost } from "../../src/viz/live/hostCheck.js";
import { serveLive, type LiveServer } from "../../src/viz/live/serve.js";
import { useTmpDir } from "../support/tmp.js";

const tmp = useTmpDir();
let live: LiveServer;
let port: number;

beforeAll(async () => {
  // No agent behind it: the page still serves, and its feed says the agent is down.
  live = await serveLive({ port: 0, socketPath: join(await tmp(), "no-agent.sock"), intervalMs: 1000 });
  port = Number(new URL(live.url).port);
});
afterAll(() => live.close());

/** A raw request with a Host header of our choosing, as a DNS-rebinding page would send it. */
function get(path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers: { host } }, (res) => {
      if (res.headers["content-type"] === "text/event-stream") {
        resolve({ status: res.statusCode ?? 0, body: "" });
        req.destroy();
        return;
      }
      let body = "";
      res.setEncoding("utf8").on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject).end();
  });
}

describe("the live view answers only to its own Host", () => {
  it.each(["/", "/events", "/nowhere"])("refuses %s for Host: evil.example with 421 and no page", async (path) => {
    const r = await get(path, "evil.example");
    expect(r.status).toBe(421);
    expect(r.body).not.toContain("<html");
  });

  it("refuses a foreign name even on the right port", async () => {
    expect((await get("/", `evil.example:${port}`)).status).toBe(421);
  });

  it("serves the page and the stream to 127.0.0.1:PORT and localhost:PORT", async () => {
    for (const host of [`127.0.0.1:${port}`, `LOCALHOST:${port}`]) {
      const page = await get("/", host);
      expect(page.status).toBe(200);
      expect(page.body).toContain("<html");
      expect((await get("/events", host)).status).toBe(200);
    }
  });

  it("takes a host without port only on port 80, and no Host at all never", () => {
    expect(isOwnHost("localhost", 80)).toBe(true);
    expect(isOwnHost("localhost", 8477)).toBe(false);
    expect(isOwnHost("127.0.0.1:8477", 8477)).toBe(true);
    expect(isOwnHost("127.0.0.1:8478", 8477)).toBe(false);
    expect(isOwnHost(undefined, 8477)).toBe(false);
  });
});
