import { describe, expect, it } from "vitest";
import { unsupportedNode } from "../../src/nodeSupport.js";

describe("unsupportedNode", () => {
  it("accepts Node 24 and later", () => {
    for (const v of ["24.0.0", "24.22.3", "25.1.0", "30.0.0-pre"]) expect(unsupportedNode(v, "/usr/bin/node")).toBeNull();
  });

  it("names the version, the Node it found and the way out for older ones", () => {
    for (const v of ["18.19.1", "20.20.2", "22.12.0", "23.11.1", "4.0.0"]) {
      const said = unsupportedNode(v, "/usr/bin/node");
      expect(said).toContain(`/usr/bin/node is Node.js ${v}`);
      expect(said).toContain("needs Node.js 24");
      expect(said).toContain("wsl-vpn-agent executable");
      expect(said).not.toContain("\n");
    }
  });

  it("refuses a version it cannot read rather than guessing", () => {
    for (const v of ["", "banana", "v", ".24.1"]) expect(unsupportedNode(v, "/x/node")).not.toBeNull();
  });
});
