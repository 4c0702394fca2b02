/** Column alignment of a text table. */
export type Align = 'left' | 'right';

/**
 * Lays rows out as a plain-text table, columns padded to their widest cell and separated by two
 * spaces, with a rule under the header. Meant for a terminal; `--json` is for programs.
 */
export function textTable(header: string[], rows: string[][], align: Align[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (align[i] === 'right' ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
