import { describe, expect, it } from "vitest";
import { labNamespaces, parseNetnsList } from "../../src/lab/createLab.js";
import { labNames } from "../../src/lab/names.js";

// `lab up` cannot run here (no namespaces in unit tests): its decision is pure and tested alone.
const manual = labNames("wvalab");

describe("lab up: an existing lab is refused and never touched", () => {
  it("reads `ip netns list` with and without ids", () => {
    expect(parseNetnsList("wvalab-srv (id: 2)\nwvalab-rtr (id: 1)\nother\n\n")).toEqual(["wvalab-srv", "wvalab-rtr", "other"]);
    expect(parseNetnsList("")).toEqual([]);
  });

  it("no lab up: nothing taken, all three namespaces are this call's", () => {
    expect(labNamespaces(parseNetnsList("wvaab12c-wsl (id: 0)\nwvalab-wslx\n"), manual)).toEqual({ taken: [], owned: ["wvalab-wsl", "wvalab-rtr", "wvalab-srv"] });
  });

  it("a lab up (or half torn down): the existing namespaces are taken and never owned", () => {
    const up = parseNetnsList("wvalab-srv (id: 2)\nwvalab-rtr (id: 1)\nwvalab-wsl (id: 0)\n");
    expect(labNamespaces(up, manual)).toEqual({ taken: ["wvalab-wsl", "wvalab-rtr", "wvalab-srv"], owned: [] });
    expect(labNamespaces(["wvalab-rtr"], manual)).toEqual({ taken: ["wvalab-rtr"], owned: ["wvalab-wsl", "wvalab-srv"] });
  });
});
