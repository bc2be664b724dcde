/** The shipped unit's command line: the executable the .deb installs. */
export const SHIPPED_EXEC = "/usr/bin/wsl-vpn-agent";
const EXEC_LINE = `ExecStart=${SHIPPED_EXEC} `;

/** One ExecStart= word: %-escaped, and quoted when it holds blanks, quotes or backslashes. Pure. */
function execWord(word: string): string {
  const escaped = word.replaceAll("%", "%%");
  return /[\s"'\\]/.test(escaped) ? `"${escaped.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"` : escaped;
}

/**
 * The unit as installed: the shipped unit with ExecStart running `program` (the executable, or a
 * node and the bundle it runs), quoted and %-escaped for systemd. Pure.
 */
export function renderUnit(template: string, program: readonly string[]): string {
  if (!template.includes(EXEC_LINE)) throw new Error(`unit template has no "${EXEC_LINE.trim()}" line`);
  return template.replace(EXEC_LINE, `ExecStart=${program.map(execWord).join(" ")} `);
}
