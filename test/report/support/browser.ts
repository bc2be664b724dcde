import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/** Debian's chromium: never a downloaded browser. */
export const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export interface Browser {
  readonly page: Page;
  /** Every URL the page requested, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile; records each request the page makes. */
export async function openBrowser(viewport = { width: 1400, height: 1000 }): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), "chromium-profile-"));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport });
  const page = context.pages()[0] ?? (await context.newPage());
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  return {
    page,
    requests,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Ids of the diagram states the live page highlights as current (outermost first). */
export function highlightedStates(page: Page): Promise<string[]> {
  return page.$$eval("g.current", (els) => els.map((e) => e.id));
}
