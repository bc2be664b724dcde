import { readFile } from "node:fs/promises";

/** What install records for uninstall: which shared files it created (and may therefore remove). */
export interface Manifest {
  readonly version: string;
  /** True when install created /etc/binfmt.d/WSLInterop.conf (a user's own file is left alone). */
  readonly binfmtCreated: boolean;
  /** True when /usr/bin/wsl-vpn-agent is install's (a user's own command there is left alone). */
  readonly commandOurs: boolean;
}

/** The manifest at `path`, or null when absent or unreadable (then nothing shared is removed). */
export async function readManifest(path: string): Promise<Manifest | null> {
  try {
    const m = JSON.parse(await readFile(path, "utf8")) as Partial<Manifest>;
    return { version: String(m.version ?? "unknown"), binfmtCreated: m.binfmtCreated === true, commandOurs: m.commandOurs === true };
  } catch {
    return null;
  }
}

/** The manifest's file content. Pure. */
export function manifestText(m: Manifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}
