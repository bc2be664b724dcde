import fc from "fast-check";
import { describe, it } from "vitest";
import { fcParams } from "../support/fcParams.js";
import { splitA, splitA2, testInput, vpnA, vpnA2, vpnB } from "../support/input.js";
import { Harness } from "./harness.js";
import { ApplyCommand, ProbeCommand, VerifyCommand } from "./model/effectCommands.js";
import type { Model, Real } from "./model/model.js";
import { RewriteCommand, TimerCommand } from "./model/timerCommands.js";
import { ConnectCommand, DisconnectCommand, RouteMovesCommand } from "./model/vpnCommands.js";
const commands = [
  fc.constantFrom(vpnA, vpnA2, vpnB, splitA, splitA2).map((v) => new ConnectCommand(v)),
  fc.constant(new DisconnectCommand()),
  fc.option(fc.integer({ min: 1200, max: 1600 }), { nil: null }).map((m) => new ProbeCommand(m)),
  fc.boolean().map((ok) => new ApplyCommand(ok)),
  fc.boolean().map((ok) => new VerifyCommand(ok)),
  fc.constantFrom("health" as const, "retry" as const).map((t) => new TimerCommand(t)),
  fc.integer({ min: 1280, max: 1500 }).map((mtu) => new RewriteCommand(mtu)),
  fc.constantFrom({ name: "eth0", mtu: 1500 }, { name: "eth1", mtu: 9000 }, { name: "eth2", mtu: 1400 }).map((i) => new RouteMovesCommand(i)),
];

describe("agent machine against a simple model", () => {
  it("agrees with the model on state and kernel MTU after every command", () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40 }), (cmds) => {
        const input = testInput({ profiles: [{ match: "pangp", mtu: 1300 }], iface: "eth0" });
        const model: Model = { phase: "direct", vpn: null, kernel: 1500, routes: null, baseline: 1500, iface: "eth0", target: null, known: new Map(), profiles: input.profiles };
        fc.modelRun(() => ({ model, real: { h: new Harness(input) } satisfies Real }), cmds);
      }),
      fcParams(300),
    );
  });
});
