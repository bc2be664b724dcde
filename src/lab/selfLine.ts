import { selfCommand } from "./cli.js";

/** One word for a POSIX shell: as is when plain, else single-quoted. Pure. */
export function shellWord(word: string): string {
  return /^[\w/.:=@%+,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command that runs this program, as a user pastes it into a shell: the executable's path, or
 * node and the bundle (`wsl-vpn-agent` alone is only right when it is on PATH).
 */
export function selfLine(): string {
  return selfCommand().map(shellWord).join(" ");
}
