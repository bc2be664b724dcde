import { CLAMP_TABLE, clampRemoveScript, clampScript, type ClampSpec } from "./clampRules.js";
import { runCommand, type CommandResult, type RunOptions } from "./run.js";

const NFT_TIMEOUT_MS = 5000;

/** Replaces the agent's nftables table with the MSS clamp for `spec` (`nft -f -`, one transaction). Throws only on a spec `clampProblem` refuses. */
export function setClamp(spec: ClampSpec, options: Pick<RunOptions, "netns"> = {}): Promise<CommandResult> {
  return runCommand(["nft", "-f", "-"], { ...options, input: clampScript(spec), timeoutMs: NFT_TIMEOUT_MS });
}

/** Removes the agent's nftables table if it exists; an absent table is success. */
export function removeClamp(options: Pick<RunOptions, "netns"> = {}): Promise<CommandResult> {
  return runCommand(["nft", "-f", "-"], { ...options, input: clampRemoveScript(), timeoutMs: NFT_TIMEOUT_MS });
}

/** `nft list table inet wsl_vpn_agent` output, or null when the table does not exist (or nft cannot run). */
export async function listClamp(options: Pick<RunOptions, "netns"> = {}): Promise<string | null> {
  const r = await runCommand(["nft", "list", "table", "inet", CLAMP_TABLE], { ...options, timeoutMs: NFT_TIMEOUT_MS });
  return r.ok ? r.stdout : null;
}

/** True when a failed nft run failed because nft is not installed (not because the kernel refused). Pure. */
export function nftMissing(r: CommandResult): boolean {
  return r.exitCode === null && /ENOENT/.test(r.stderr);
}
