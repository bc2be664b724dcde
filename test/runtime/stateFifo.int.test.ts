import { execa } from "execa";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StateStore } from "../../src/runtime/stateStore.js";
import { useTmpDir } from "../support/tmp.js";

const tmp = useTmpDir();

describe("state.json that is not a regular file", () => {
  it.each(["a FIFO", "a directory"])("%s is ignored with a line saying so, instead of blocking the start", async (kind) => {
    const dir = await tmp();
    const path = join(dir, "state.json");
    if (kind === "a FIFO") await execa("mkfifo", [path]);
    else await mkdir(path);
    const loaded = await new StateStore(dir).load();
    expect(loaded).toEqual({ state: { baselineMtu: null, known: {} }, problem: `ignoring ${path}: not a regular file`, ignored: [] });
  });
});
