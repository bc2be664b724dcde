import { execa } from "execa";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { agentBinary } from "../support/cli.js";
import { useTmpDir } from "../support/tmp.js";

const repo = fileURLToPath(new URL("../..", import.meta.url));

describe("npm run package", () => {
  const tmp = useTmpDir();

  it("builds the same linux-x64 executable, byte for byte, a second time (code cache included)", async () => {
    const dir = await tmp();
    const code = `import { buildSea } from "./scripts/package/sea.mjs"; import { PLATFORMS } from "./scripts/package/platforms.mjs";
      await buildSea({ ...PLATFORMS["linux-x64"], release: ${JSON.stringify(join(dir, "release"))}, work: ${JSON.stringify(join(dir, "sea"))} });`;
    const r = await execa(process.execPath, ["--input-type=module", "-e", code], { cwd: repo, reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
    const [again, shipped] = [await readFile(join(dir, "release/linux-x64/wsl-vpn-agent")), await readFile(agentBinary)];
    expect(again.length).toBe(shipped.length);
    expect(again.equals(shipped)).toBe(true);
  });
});
