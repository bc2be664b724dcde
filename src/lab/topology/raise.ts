import { describeFailure, runCommand } from "../../effects/run.js";
import { EnvironmentError } from "../../errors.js";
import type { ShapeBuilder } from "./index.js";

/** The MTU WSL copies from the smallest Windows adapter (Tailscale's 1280), below what the path carries. */
export const RAISE_WSL_MTU = 1280;

/**
 * "WSL's MTU too low": the base lab with the wsl side's eth0 at 1280 while the path carries the
 * lab's link MTU (1400 by default), as WSL sets it with a Tailscale adapter installed (tailscale#4833).
 * The agent must find and apply the larger MTU without the user's traffic ever exceeding 1280.
 */
export const buildRaise: ShapeBuilder = async ({ names }) => {
  const r = await runCommand(["ip", "-n", names.ns.wsl, "link", "set", "dev", names.iface, "mtu", String(RAISE_WSL_MTU)], { timeoutMs: 10_000 });
  if (!r.ok) throw new EnvironmentError(`lab setup (raise): ${describeFailure(r)}`);
  return {};
};
