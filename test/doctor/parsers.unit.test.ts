import { describe, expect, it } from "vitest";
import { iniValue, vsockProblem } from "../../src/doctor/index.js";

describe("iniValue (wsl.conf)", () => {
  it.each([
    ["[boot]\nsystemd=true\n", "true"],
    ["[Boot]\r\nSystemd = TRUE ; comment\r\n", "TRUE"],
    ["[network]\nsystemd=true\n", null],
    ["[boot]\n# systemd=true\n", null],
    ["[boot]\nsystemd=false\n[boot]\nsystemd=true\n", "true"],
  ])("reads %j", (text, expected) => {
    expect(iniValue(text, "boot", "systemd")).toBe(expected);
  });
});

describe("vsockProblem (systemd unit)", () => {
  it.each([
    ["[Service]\nExecStart=/x\n", null],
    ["RestrictAddressFamilies=AF_UNIX AF_VSOCK\n", null],
    ["RestrictAddressFamilies=AF_UNIX\nRestrictAddressFamilies=AF_VSOCK\n", null],
    ["RestrictAddressFamilies=AF_UNIX AF_INET\n", "RestrictAddressFamilies=AF_UNIX AF_INET lacks AF_VSOCK"],
    ["RestrictAddressFamilies=AF_VSOCK\nRestrictAddressFamilies=\nRestrictAddressFamilies=AF_INET\n", "RestrictAddressFamilies=AF_INET lacks AF_VSOCK"],
    ["RestrictAddressFamilies=~AF_PACKET AF_VSOCK\n", "RestrictAddressFamilies=~AF_PACKET AF_VSOCK denies AF_VSOCK"],
  ])("judges %j", (text, expected) => {
    expect(vsockProblem(text)).toBe(expected);
  });
});
