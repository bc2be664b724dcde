import { chmod, mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { DoctorEnv } from "../../src/doctor/index.js";
import { useTmpDir } from "../support/tmp.js";

/** A fixture file: text, or an executable (mode 755) with the given text. */
export type TreeFile = string | { readonly exec: string };

/**
 * Call at the top of a test file: a function that writes a fake system tree (/proc, /etc,
 * /usr/bin…) into a temp dir and returns its root; the trees are removed when the file is done.
 */
export function useTrees(): (files: Readonly<Record<string, TreeFile>>) => Promise<string> {
  const tmp = useTmpDir();
  return async (files) => {
    const root = await tmp();
    for (const [path, file] of Object.entries(files)) {
      const full = join(root, path);
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, typeof file === "string" ? file : file.exec);
      if (typeof file !== "string") await chmod(full, 0o755);
    }
    return root;
  };
}

export const ROUTE_HEADER = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT";
export const POWERSHELL = "/mnt/c/Windows/System32/WindowsPowerShell/v1.0/powershell.exe";
const steady = new URL("../fixtures/watchers/steady.mjs", import.meta.url).pathname;

/** A WSL 2 machine where everything the agent needs is in place. */
export const healthyWsl: Readonly<Record<string, TreeFile>> = {
  "/proc/sys/kernel/osrelease": "5.15.167.4-microsoft-standard-WSL2\n",
  "/proc/sys/fs/binfmt_misc/status": "enabled\n",
  "/proc/sys/fs/binfmt_misc/WSLInterop": "enabled\ninterpreter /init\nflags: PF\noffset 0\nmagic 4d5a\n",
  "/etc/binfmt.d/WSLInterop.conf": ":WSLInterop:M::MZ::/init:PF\n",
  [POWERSHELL]: { exec: "MZ" },
  "/etc/wsl.conf": "[automount]\nenabled = true\n\n[boot]\nsystemd = true # needed by the agent\n",
  "/usr/sbin/ip": { exec: "" },
  "/usr/bin/curl": { exec: "" },
  "/usr/bin/ping": { exec: "" },
  "/proc/self/status": "Name:\tnode\nCapInh:\t0000000000000000\nCapEff:\t0000000000003000\n",
  "/etc/systemd/system/wsl-vpn-agent.service": "[Service]\nRestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK AF_VSOCK\n",
  // NAT mode as WSL sets it up: a Hyper-V NIC, the default route via the Windows host's vEthernet (WSL).
  "/sys/class/net/eth0/device/uevent": "DRIVER=hv_netvsc\n",
  "/sys/class/net/lo/mtu": "65536\n",
  "/proc/net/route": `${ROUTE_HEADER}\neth0\t00000000\t011016AC\t0003\t0\t0\t0\t00000000\t0\t0\t0\neth0\t001016AC\t00000000\t0001\t0\t0\t0\t00F0FFFF\t0\t0\t0\n`,
};

/** The doctor's environment for a tree; the watcher is the well-behaved fixture unless given. */
export function envFor(root: string, watchCommand: readonly string[] | null = [process.execPath, steady]): DoctorEnv {
  return { root, powershellPath: POWERSHELL, watchCommand, vpnPatterns: null, pathDirs: ["/usr/sbin", "/usr/bin"], interopTimeoutMs: 10_000 };
}
