import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { anyConnect } from "../support/agentLab.js";
import { skipE2e } from "../support/root.js";
import { useAgentLab } from "../support/useAgentLab.js";

describe.skipIf(skipE2e)("a probe tool that cannot run", () => {
  const agent = useAgentLab({ prefix: "wvatool" });

  it("ping refused by a sandbox: the agent logs a warning saying so, and still applies the MTU found over TLS", async () => {
    // The fixture `ping` fails at set-up as iputils did under SystemCallFilter=~@privileged.
    const noCaps = fileURLToPath(new URL("../fixtures/ping-without-caps", import.meta.url));
    await agent().start({ windows: anyConnect, env: { PATH: `${noCaps}:${process.env.PATH ?? ""}` } });
    const s = await agent().waitForState("Applied", 60_000, (x) => x.appliedMtu === 1372);
    expect((s.lastProbe as { evidence?: { icmp?: unknown } } | null)?.evidence?.icmp).toBeNull();
    const exit = await agent().stop("SIGTERM");
    const warnings = exit.stdout.split("\n").filter((l) => l.includes('"level":40'));
    expect(warnings.join("\n")).toMatch(/"msg":"probe: ICMP probe cannot run \(`ping [^`]*` failed \(exit 2\): ping: cap_set_proc: Operation not permitted\): TLS probes only"/);
  });
});
