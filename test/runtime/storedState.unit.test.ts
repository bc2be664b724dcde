import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { vpnKey } from "../../machines/index.js";
import { StateStore } from "../../src/runtime/stateStore.js";
import { storedState } from "../../src/runtime/storedState.js";
import { useTmpDir } from "../support/tmp.js";

const tmp = useTmpDir();
const FILE = "/var/lib/wsl-vpn-agent/state.json";
const key = vpnKey({ name: "PANGP", description: "PANGP Virtual Ethernet Adapter", mtuHint: 1400 });

describe("state.json is validated like the config", () => {
  it.each([100, 0, -1, 70_000, 2 ** 32, 1e20, 1400.5, "1400", true])("a baseline of %j is ignored, named with file, key and value, never used", (v) => {
    const { state, ignored } = storedState({ baselineMtu: v, known: {}, baselines: { eth0: v, eth1: 1400 } }, FILE);
    expect(state.baselineMtu).toBeNull();
    expect(state.baselines).toEqual({ eth1: 1400 });
    expect(ignored).toEqual([
      `ignoring ${FILE} baselineMtu: expected an integer from 576 to 9000, got ${JSON.stringify(v)}`,
      `ignoring ${FILE} baselines["eth0"]: expected an integer from 576 to 9000, got ${JSON.stringify(v)}`,
    ]);
  });

  it("a known MTU out of range is ignored, the others kept", () => {
    const { state, ignored } = storedState({ baselineMtu: 1500, known: { x: 5, [key]: 1380 }, baselines: { eth0: 1500 } }, FILE);
    expect(state).toEqual({ baselineMtu: 1500, known: { [key]: 1380 }, baselines: { eth0: 1500 } });
    expect(ignored).toEqual([`ignoring ${FILE} known["x"]: expected an integer from 576 to 9000, got 5`]);
  });

  it("keys no VPN or interface can have are ignored, escaped in the line", () => {
    const { state, ignored } = storedState({ known: { ["\u001b[2J".padEnd(3000, "a")]: 1400 }, baselines: { "a/b": 1500, "": 1500, ["x".repeat(16)]: 1500 } }, FILE);
    expect(state).toEqual({ baselineMtu: null, known: {}, baselines: {} });
    expect(ignored).toHaveLength(4);
    expect(ignored[0]).toMatch(/^ignoring \/var\/lib\/wsl-vpn-agent\/state\.json known\["\\u001b\[2Jaaa.*…"\]: the key is longer than 2049 characters/);
    expect(ignored.slice(1)).toEqual([`ignoring ${FILE} baselines["a/b"]: the key is not an interface name`, `ignoring ${FILE} baselines[""]: the key is not an interface name`, `ignoring ${FILE} baselines["${"x".repeat(16)}"]: the key is not an interface name`]);
    expect(ignored.join("\n")).not.toContain("\u001b");
  });

  it("600 known MTUs of about 1.9 KB each (the crafted file that crashed every start): only the newest that fit the bounds are kept, and it is said", () => {
    const known = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`N${i}\u0000${"d".repeat(1900)}`, 1400]));
    const { state, ignored } = storedState({ baselineMtu: 1500, known }, FILE);
    const kept = Object.keys(state.known);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toEqual(Object.keys(known).slice(600 - kept.length));
    expect(Buffer.byteLength(JSON.stringify(state.known))).toBeLessThanOrEqual(64 * 1024);
    expect(ignored).toEqual([`ignoring ${FILE} known: its ${600 - kept.length} least recently verified entries (the agent keeps at most 32, in 65536 bytes of JSON)`]);
  });

  it("not an object: nothing used, and said", () => {
    expect(storedState([1500], FILE)).toEqual({ state: { baselineMtu: null, known: {} }, ignored: [`ignoring ${FILE}: expected a JSON object, got [1500]`] });
    expect(storedState({ known: [1], baselines: 3 }, FILE).ignored).toEqual([`ignoring ${FILE} known: expected an object, got [1]`, `ignoring ${FILE} baselines: expected an object, got 3`]);
  });

  it("the store loads a hostile file with what is usable and the lines for the rest", async () => {
    const dir = await tmp();
    await writeFile(join(dir, "state.json"), JSON.stringify({ baselineMtu: 100, known: { x: 5 }, baselines: { eth0: 100 } }));
    const loaded = await new StateStore(dir).load();
    expect(loaded.state).toEqual({ baselineMtu: null, known: {}, baselines: {} });
    expect(loaded.problem).toBeNull();
    expect(loaded.ignored).toHaveLength(3);
  });
});
