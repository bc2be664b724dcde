/** The one line `replay` and `report` print when a journal's last line was torn by a crash. Pure. */
export function tornNote(file: string, torn: { readonly line: number; readonly bytes: number }): string {
  return `note: ${file}:${torn.line}: last line is torn (${torn.bytes} bytes, a crash mid-write); ignored\n`;
}
