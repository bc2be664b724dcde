const SHIPPED_EXEC = "ExecStart=/usr/bin/node ";

/**
 * The unit as installed: the shipped unit with ExecStart running `nodePath` (the node that runs
 * install, so nvm/fnm installs work), quoted and %-escaped for systemd. Pure.
 */
export function renderUnit(template: string, nodePath: string): string {
  if (!template.includes(SHIPPED_EXEC)) throw new Error(`unit template has no "${SHIPPED_EXEC.trim()}" line`);
  const escaped = nodePath.replaceAll("%", "%%");
  const exec = /[\s"'\\]/.test(escaped) ? `"${escaped.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"` : escaped;
  return template.replace(SHIPPED_EXEC, `ExecStart=${exec} `);
}
