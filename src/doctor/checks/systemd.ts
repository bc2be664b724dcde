import { readText, skipOutsideWsl, under, type CheckResult, type DoctorContext, type DoctorEnv } from "../check.js";

const id = "systemd";
const title = "systemd enabled in /etc/wsl.conf";
const fix = "add these lines to /etc/wsl.conf, then run `wsl.exe --shutdown` in Windows and reopen WSL:\n[boot]\nsystemd=true";

/** The agent runs as a systemd service; WSL starts systemd only when /etc/wsl.conf asks for it. */
export async function checkSystemd(env: DoctorEnv, ctx: DoctorContext): Promise<CheckResult> {
  if (!ctx.inWsl) return skipOutsideWsl(id, title);
  const text = await readText(under(env, "/etc/wsl.conf"));
  if (text === null) return { id, title, status: "fail", detail: "/etc/wsl.conf does not exist", fix };
  const value = iniValue(text, "boot", "systemd");
  if (value?.toLowerCase() === "true") return { id, title, status: "ok", detail: "[boot] systemd=true" };
  return { id, title, status: "fail", detail: value === null ? "no systemd= in [boot]" : `[boot] systemd=${value}`, fix };
}

/** The last value of `key` in `[section]` of an INI text (wsl.conf syntax: # comments, case-insensitive names). Pure. */
export function iniValue(text: string, section: string, key: string): string | null {
  let current = "";
  let value: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s[#;].*$/, "").trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) current = (header[1] ?? "").trim().toLowerCase();
    else if (current === section) {
      const eq = line.indexOf("=");
      if (eq > 0 && line.slice(0, eq).trim().toLowerCase() === key) value = line.slice(eq + 1).trim();
    }
  }
  return value;
}
