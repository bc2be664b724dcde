import { readText, under, type CheckResult, type DoctorEnv } from "../check.js";

const id = "wsl";
const title = "running inside WSL 2";

/** Reads the kernel release: WSL 2 kernels say "microsoft-standard-WSL2", WSL 1 says "Microsoft". */
export async function checkWsl(env: DoctorEnv): Promise<CheckResult> {
  const release = (await readText(under(env, "/proc/sys/kernel/osrelease")))?.trim() ?? null;
  if (release === null || !/microsoft/i.test(release)) {
    return {
      id, title, status: "fail",
      detail: `not running inside WSL (kernel release ${JSON.stringify(release ?? "unknown")} does not mention Microsoft)`,
      fix: "run wsl-vpn-agent inside a WSL 2 distribution on the Windows machine that joins the VPN",
    };
  }
  if (!/wsl2|microsoft-standard/i.test(release)) {
    return { id, title, status: "fail", detail: `WSL 1 (kernel release ${JSON.stringify(release)}): it shares Windows' network stack, there is no eth0 MTU to fix`, fix: "convert the distribution: wsl.exe --set-version <distro> 2" };
  }
  // The networking mode is the `networking` check's: it says what it read.
  return { id, title, status: "ok", detail: `WSL 2 (${release})` };
}
