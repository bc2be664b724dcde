import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveLive, type LiveServer } from "../../src/viz/live/serve.js";
import { skipE2e } from "../support/root.js";
import { fakeAgent, type AgentUnderTest } from "./fixtures/fakeAgent.js";
import { highlightedStates as current, openBrowser, type Browser } from "./support/browser.js";
import { readChart } from "./support/chartChecks.js";

const ARTEFACTS = fileURLToPath(new URL("../../test-artifacts/live/", import.meta.url));

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

  it("draws the chart readable in a 1400 px window: text at least 11 px, nothing cut off, the current state in view", async () => {
    const page = browser.page;
    await page.goto(live.url);
    await agent.moveTo("Degraded");
    await expect.poll(() => current(page)).toEqual(["s_Degraded"]);
    await mkdir(ARTEFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTEFACTS, "live-page.png"), fullPage: true });
    const chart = await readChart(page, "#diagram").finally(() => agent.moveTo("Applied.steady")); // where the next test starts
    expect(chart.smallestPx).toBeGreaterThanOrEqual(11);
    expect(chart.outside).toEqual([]);
    expect(chart.overflowing).toEqual([]);
    expect(chart.overlapping).toEqual([]);
    // Wider than the window at that size: the chart scrolls, and the current state is scrolled into view.
    expect(chart.fullWidth).toBeGreaterThan(chart.visibleWidth);
    const [shown, state] = chart.current;
    expect(shown !== undefined && state !== undefined && state.left >= shown.left && state.right <= shown.right, JSON.stringify(chart.current)).toBe(true);
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
