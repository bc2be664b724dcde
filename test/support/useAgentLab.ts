import { afterAll, beforeAll } from "vitest";
import { AgentLab, type AgentLabOptions } from "./agentLab.js";

/**
 * An AgentLab the enclosing describe owns: created (then `setup` run) in beforeAll, destroyed in
 * afterAll, also when a test fails. `setup` may already use the returned accessor.
 */
export function useAgentLab(options: AgentLabOptions, setup?: () => Promise<void>): () => AgentLab {
  let lab: AgentLab | undefined;
  const agent = (): AgentLab => {
    if (lab === undefined) throw new Error("agent lab used outside its describe's tests");
    return lab;
  };
  beforeAll(async () => {
    lab = await AgentLab.create(options);
    await setup?.();
  });
  afterAll(async () => {
    await lab?.destroy();
  });
  return agent;
}
