import { readdir } from "node:fs/promises";
import { readText, skipOutsideWsl, under, type CheckResult, type DoctorContext, type DoctorEnv } from "../check.js";

const id = "binfmt";
const title = "WSLInterop binfmt registration (runs .exe files)";
const DIR = "/proc/sys/fs/binfmt_misc";
const reRegister =
  "echo ':WSLInterop:M::MZ::/init:PF' | sudo tee /etc/binfmt.d/WSLInterop.conf && sudo systemctl restart systemd-binfmt";

/** Without this registration, starting powershell.exe fails with "Exec format error". */
export async function checkBinfmt(env: DoctorEnv, ctx: DoctorContext): Promise<CheckResult> {
  if (!ctx.inWsl) return skipOutsideWsl(id, title);
  const names = await readdir(under(env, DIR)).catch(() => null);
  if (names === null) {
    return { id, title, status: "fail", detail: `${DIR} is not mounted`, fix: `sudo mount -t binfmt_misc binfmt_misc ${DIR}, then: ${reRegister}` };
  }
  const entries = names.filter((n) => n.startsWith("WSLInterop")).sort();
  if (entries.length === 0) {
    return { id, title, status: "fail", detail: `no WSLInterop entry in ${DIR} (systemd-binfmt may have dropped it)`, fix: reRegister };
  }
  for (const name of entries) {
    const text = await readText(under(env, `${DIR}/${name}`));
    if (text?.split("\n")[0]?.trim() === "enabled") {
      const persisted = (await readText(under(env, "/etc/binfmt.d/WSLInterop.conf"))) !== null;
      const note = persisted ? "" : " (not in /etc/binfmt.d: a restart of systemd-binfmt could drop it)";
      return { id, title, status: "ok", detail: `${name} enabled${note}` };
    }
  }
  return { id, title, status: "fail", detail: `${entries.join(", ")} present but disabled`, fix: `echo 1 | sudo tee ${DIR}/${entries[0] ?? "WSLInterop"}` };
}
