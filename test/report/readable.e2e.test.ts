import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliProcess } from "../support/cli.js";
import { skipE2e } from "../support/root.js";
import { openBrowser, type Browser } from "./support/browser.js";
import { readChart } from "./support/chartChecks.js";
import { writeStory } from "./fixtures/story.js";

// Screenshots a reader can look at after the run (gitignored).
const ARTEFACTS = fileURLToPath(new URL("../../test-artifacts/report/", import.meta.url));
// Written by the real agent in the lab (`lab demo --tcp-limit 1337`): connect, probe, apply and
// verify 1337, WSL sets eth0 back to 1500, the agent re-applies, disconnect, baseline restored.
const LAB = fileURLToPath(new URL("fixtures/lab-demo.jsonl", import.meta.url));

describe.skipIf(skipE2e)("the report reads well in a 1400 px wide Chromium window", () => {
  let dir: string;
  let browser: Browser;
  let story: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "readable-e2e-"));
    story = join(dir, "story.jsonl");
    await writeStory(story);
    await mkdir(ARTEFACTS, { recursive: true });
    browser = await openBrowser({ width: 1400, height: 1000 });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function open(journal: string, name: string): Promise<void> {
    const out = join(dir, `${name}.html`);
    const made = await runCliProcess(["report", journal, "-o", out]);
    expect(made.code, made.stderr).toBe(0);
    await browser.page.goto(pathToFileURL(out).href);
    await browser.page.waitForSelector("#timeline tbody tr");
    await browser.page.screenshot({ path: join(ARTEFACTS, `${name}-page.png`), fullPage: true });
    await browser.page.locator("#diagram").screenshot({ path: join(ARTEFACTS, `${name}-diagram.png`) });
  }

  it.each([["lab", LAB], ["story", ""]])("%s journal: the path taken fits the window, text at least 11 px, nothing cut off or overlapping", async (name, journal) => {
    await open(journal === "" ? story : journal, name);
    const chart = await readChart(browser.page, "#diagram");
    expect(chart.texts).toBeGreaterThan(10);
    expect(chart.smallestPx).toBeGreaterThanOrEqual(11);
    expect(chart.fullWidth).toBeLessThanOrEqual(chart.visibleWidth); // no sideways scrolling
    expect(chart.outside).toEqual([]);
    expect(chart.overflowing).toEqual([]);
    expect(chart.overlapping).toEqual([]);
  });

  it("keeps the whole chart behind a toggle, readable and reachable by scrolling", async () => {
    await open(LAB, "lab");
    const page = browser.page;
    expect(await page.locator("#diagram-full").isVisible()).toBe(false);
    await page.click("#full-chart summary");
    await page.locator("#diagram-full").screenshot({ path: join(ARTEFACTS, "lab-whole-chart.png") });
    const chart = await readChart(page, "#diagram-full");
    expect(chart.smallestPx).toBeGreaterThanOrEqual(11);
    expect(chart.fullWidth).toBeGreaterThan(chart.visibleWidth); // too wide for the page: it scrolls instead of shrinking
    expect(chart.outside).toEqual([]);
    expect(chart.overflowing).toEqual([]);
    expect(chart.overlapping).toEqual([]);
    // Its states carry their own ids, so the drawing of the path taken keeps the page's.
    expect(await page.locator('[id="s_Probing"]').count()).toBe(1);
    expect(await page.locator('[id="full-s_Degraded"]').getAttribute("class")).not.toContain("visited");
  });

  it("says what happened, attributes each MTU change, and lists only the marks drawn", async () => {
    await open(LAB, "lab");
    const page = browser.page;
    const summary = await page.textContent("#summary");
    expect(summary).toContain('VPN "Ethernet 3" (Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter, Windows MTU 1400) connected at 08:48:14 UTC.');
    expect(summary).toContain("The probe found 1337 in 2 rounds (28 sizes");
    expect(summary).toContain("The agent applied and verified an MTU twice: 1337 at 08:48:16 UTC; 1337 at 08:48:16 UTC.");
    expect(summary).toContain("WSL (not the agent) rewrote eth0 once, to 1500 at 08:48:16 UTC.");
    expect(summary).toContain("The baseline came back: 1500 at 08:48:17 UTC.");

    // One change by WSL (#7); the agent's own apply (#4, #8) and restore (#12) are the agent's.
    const marks = await page.$$eval("#mtu-plot .mark", (els) => els.map((e) => [e.getAttribute("data-seq"), e.getAttribute("class")?.replace("mark mark-", "")]));
    expect(marks.filter(([, kind]) => kind === "wsl")).toEqual([["7", "wsl"]]);
    expect(marks).toEqual(expect.arrayContaining([["4", "apply"], ["8", "apply"], ["12", "restore"], ["3", "probe"]]));
    const row = (seq: number) => page.locator(`#timeline tbody tr[data-seq="${seq}"]`).textContent();
    expect(await row(4)).toContain("set by the agent's apply (asked for at #3)");
    expect(await row(7)).toContain("set by someone else (WSL), not the agent");
    expect(await row(12)).toContain("set by the agent's restore of the baseline (asked for at #11)");

    const legend = await page.$$eval("#mtu-legend code", (els) => els.map((e) => e.textContent));
    expect(legend.sort()).toEqual(["apply", "probe", "restore", "wsl"]);

    const ticks = await page.$$eval("#mtu-plot text.time", (els) => els.map((e) => e.textContent));
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ticks).size).toBe(ticks.length);

    expect(await page.getAttribute("#f-from", "placeholder")).toBe("2026-12-02T08:48:14");
    expect(await page.getAttribute("#f-to", "placeholder")).toBe("2026-12-02T08:48:17");
  });
});
