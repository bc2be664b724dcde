/** syslog priority of a pino level number: fatal 2 (crit), error 3, warn 4, info 6, debug/trace 7. Pure. */
export function syslogPriority(level: number): number {
  if (level >= 60) return 2;
  if (level >= 50) return 3;
  if (level >= 40) return 4;
  if (level >= 30) return 6;
  return 7;
}

/**
 * Prefixes one pino JSON line with `<N>` so journald files it at that priority (journald does not
 * parse JSON, but it honours this prefix on a stream). Lines without a level get info. Pure.
 */
export function prefixPriority(line: string): string {
  const match = /"level":(\d+)/.exec(line);
  return `<${syslogPriority(match === null ? 30 : Number(match[1]))}>${line}`;
}
