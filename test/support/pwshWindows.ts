import { join } from "node:path";
import type { AgentLab } from "./agentLab.js";
import { writeFixture, type FixtureAdapter } from "./pwsh.js";

/**
 * Windows as the real PowerShell watcher sees it in an agent lab: `fixture()` is the Get-Net*
 * stand-ins' file, and `shows(adapters)` rewrites it, then adds an address in the agent's
 * namespace, a real address change on which NetworkChange fires and the watcher prints.
 */
export function pwshWindows(agent: () => AgentLab): { readonly fixture: () => string; readonly shows: (adapters: FixtureAdapter[]) => Promise<void> } {
  const fixture = (): string => join(agent().dir, "net.json");
  let host = 10;
  const shows = async (adapters: FixtureAdapter[]): Promise<void> => {
    await writeFixture(fixture(), { adapters });
    const r = await agent().lab.exec("wsl", ["ip", "addr", "add", `198.18.0.${host++}/32`, "dev", "lo"]);
    if (!r.ok) throw new Error(`ip addr add: ${r.stderr}`);
  };
  return { fixture, shows };
}
