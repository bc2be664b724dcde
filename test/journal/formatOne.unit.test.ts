import { readFiles } from "../../src/journal/readFiles.js";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { replayItems } from "../../src/journal/replay.js";

// Written by the machine of format 1 before the chart was restructured (random walks through
// every state, twelve agent starts): the current machine must reproduce every recorded state.
const fixture = fileURLToPath(new URL("fixtures/v1-random-walks.jsonl", import.meta.url));

describe("a journal of format 1 still replays", () => {
  it("reproduces every recorded state of the format-1 fixture", async () => {
    const outcome = await replayItems(readFiles([fixture]));
    expect(outcome.divergence).toBeNull();
    expect(outcome.torn).toBeNull();
    expect(outcome.steps).toBe(555);
  });
});
