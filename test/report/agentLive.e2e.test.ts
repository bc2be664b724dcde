import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveLive, type LiveServer } from "../../src/viz/live/serve.js";
import { AgentLab, anyConnect } from "../support/agentLab.js";
import { runCliProcess } from "../support/cli.js";
import { skipE2e } from "../support/root.js";
import { highlightedStates as current, openBrowser, type Browser } from "./support/browser.js";

// The live view and the report against the real agent in the lab, not a stand-in.
describe.skipIf(skipE2e)("live view and report of a real agent in the lab", () => {
  let agent: AgentLab;
  let live: LiveServer;
  let browser: Browser;

  beforeAll(async () => {
    agent = await AgentLab.create({ prefix: "wvalv" });
    await agent.start({ windows: null });
    live = await serveLive({ port: 0, socketPath: agent.socket, intervalMs: 100 });
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await live?.close();
    await agent?.destroy();
  });

  it("highlights the running agent's state as the VPN connects and disconnects, and notices it stop", async () => {
    const page = browser.page;
    await page.goto(live.url);
    await expect.poll(() => current(page), { timeout: 30_000 }).toEqual(["s_Direct", "s_Direct.idle"]);

    await agent.setWindows(anyConnect);
    await expect.poll(() => current(page), { timeout: 60_000, interval: 200 }).toEqual(["s_Applied", "s_Applied.steady"]);
    expect(await page.textContent("#agent")).toContain("MTU 1372");
    expect(await page.locator("#recent").textContent()).toContain("verify.passed");

    await agent.setWindows(null);
    await expect.poll(() => current(page), { timeout: 60_000, interval: 200 }).toEqual(["s_Direct", "s_Direct.idle"]);

    expect((await agent.stop("SIGTERM")).code).toBe(0);
    await page.waitForSelector('#agent[data-up="false"]');
    const origin = new URL(live.url).origin;
    expect(browser.requests.every((u) => u.startsWith(origin))).toBe(true);
  });

  it("reports the journal the agent wrote: path taken, MTU plot, probe evidence, replay, no request", async () => {
    const out = join(agent.dir, "report.html");
    const made = await runCliProcess(["report", agent.journalPath, "-o", out]);
    expect(made.code).toBe(0);
    const url = pathToFileURL(out).href;
    browser.requests.length = 0;
    const page = browser.page;
    await page.goto(url);
    await page.waitForSelector("#timeline tbody tr");
    const taken = await page.$$eval("g.edge.taken", (els) => els.map((e) => e.id));
    expect(taken.length).toBeGreaterThan(3);
    for (const kind of ["probe", "apply", "restore"]) expect(await page.locator(`#mtu-plot .mark-${kind}`).count()).toBeGreaterThan(0);
    expect(await page.locator("section.probe").count()).toBe(1);
    expect(await page.textContent("section.probe")).toContain("1372");
    expect(await page.textContent("#replay-result")).toMatch(/reproduces all \d+/);
    expect(browser.requests).toEqual([url]);
  });
});
