import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveLive, type LiveServer } from "../../src/viz/live/serve.js";
import { skipE2e } from "../support/root.js";
import { fakeAgent, type AgentUnderTest } from "./fixtures/fakeAgent.js";
import { highlightedStates as current, openBrowser, type Browser } from "./support/browser.js";

describe.skipIf(skipE2e)("live view in Chromium", () => {
  let dir: string;
  let agent: AgentUnderTest;
  let live: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "live-e2e-"));
    agent = fakeAgent(join(dir, "status.sock"), "Applied.steady");
    await agent.start();
    live = await serveLive({ port: 0, socketPath: agent.socketPath, intervalMs: 100 });
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await live?.close();
    await agent?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves on 127.0.0.1 only", () => {
    expect(new URL(live.url).hostname).toBe("127.0.0.1");
  });

  it("highlights the agent's state as it changes, and says when the agent is gone and back", async () => {
    const page = browser.page;
    await page.goto(live.url);
    await page.waitForSelector('#agent[data-up="true"]');
    await expect.poll(() => current(page)).toEqual(["s_Applied", "s_Applied.steady"]);
    expect(await page.textContent("#agent")).toContain("MTU 1372");

    await agent.moveTo("Probing");
    await expect.poll(() => current(page)).toEqual(["s_Probing"]);
    expect(await page.locator("#recent tr").first().textContent()).toContain("Probing");

    await agent.stop();
    await page.waitForSelector('#agent[data-up="false"]');
    expect(await page.textContent("#agent")).toContain("Agent not running");
    expect(await current(page)).toEqual([]);

    await agent.moveTo("Direct.idle");
    await agent.start();
    await page.waitForSelector('#agent[data-up="true"]');
    await expect.poll(() => current(page)).toEqual(["s_Direct", "s_Direct.idle"]);

    const origin = new URL(live.url).origin;
    expect(browser.requests.every((u) => u.startsWith(origin))).toBe(true);
  });
});
