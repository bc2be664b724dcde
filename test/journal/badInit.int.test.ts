import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliProcess } from "../support/cli.js";
import { testInput, vpnA } from "../support/input.js";
import { useTmpDir } from "../support/tmp.js";
import { journal } from "./lines.js";

const tmp = useTmpDir();

// Each of these crashed replay and report with a TypeError once a VPN came up and the machine
// looked the profiles up; now the init line itself is the error.
describe("replay and report reject a bad xstate.init input", () => {
  it.each([
    ["a number as profile", [5], "input.profiles[0]: expected an object, got 5"],
    ["a null profile", [null], "input.profiles[0]: expected an object, got null"],
    ["a number as match", [{ match: 5, mtu: 1400 }], "input.profiles[0].match: expected a string, got 5"],
  ])("%s: exit 65 naming FILE:1 and the field", async (_what, profiles, problem) => {
    const dir = await tmp();
    const file = join(dir, "journal.jsonl");
    await writeFile(file, journal([{ type: "network.settled", vpn: vpnA }], { ...testInput(), profiles }));
    for (const args of [["replay", file], ["report", file, "-o", join(dir, "r.html")]]) {
      const r = await runCliProcess(args);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(65);
      expect(r.stderr).toContain(`${file}:1: xstate.init: ${problem}`);
      expect(r.stderr).not.toMatch(/TypeError|internal error/);
    }
  });
});
