import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { InitEvent } from "../../src/journal/record.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

describe.skipIf(skipE2e)("a hostile state.json: nothing out of range is applied, and the journal replays", () => {
  const agent = useAgentLab({ prefix: "wvastate", config: { interface: "eth0" } });

  it("baseline 100, a legacy baseline of -1, known MTUs of 5 and 2^32: each ignored with a line naming it; eth0 keeps 1500 and its IPv6", async () => {
    const a = agent();
    const state = join(a.dir, "state");
    await mkdir(state, { recursive: true });
    await writeFile(join(state, "state.json"), JSON.stringify({ baselineMtu: -1, known: { x: 5, "E\u0000PANGP": 2 ** 32 }, baselines: { eth0: 100 } }));
    const v6 = async (): Promise<string> => (await a.lab.exec("wsl", ["ip", "-6", "addr", "show", "dev", "eth0"])).stdout;
    expect(await v6()).toContain("inet6");
    expect(await a.linkMtu()).toBe(1500);

    await a.start({ windows: null });
    const s = await a.waitForState("Direct.idle");
    expect(s).toMatchObject({ baseline: 1500, mtu: 1500 });
    const exit = await a.stop("SIGTERM");
    expect(exit.code).toBe(0);
    expect(await a.linkMtu()).toBe(1500);
    expect(await v6()).toContain("inet6");

    const init = (await a.journal()).find((r) => r.event.type === "xstate.init")?.event as InitEvent;
    expect(init.input).toMatchObject({ baselineMtu: 1500, known: {} });
    expect((await a.replay()).code).toBe(0);
    // The agent logs JSON lines (pino): the messages, as a reader of the log sees them.
    const messages = exit.stdout.split("\n").flatMap((l) => (l.startsWith("{") ? [(JSON.parse(l) as { msg: string }).msg] : []));
    const file = join(state, "state.json");
    for (const line of [
      `ignoring ${file} baselineMtu: expected an integer from 576 to 9000, got -1`,
      `ignoring ${file} known["x"]: expected an integer from 576 to 9000, got 5`,
      `ignoring ${file} known["E\\u0000PANGP"]: expected an integer from 576 to 9000, got 4294967296`,
      `ignoring ${file} baselines["eth0"]: expected an integer from 576 to 9000, got 100`,
    ]) expect(messages).toContain(line);
  });
});
