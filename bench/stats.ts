// Percentiles and the fixed-width columns the bench prints.

/** The p-th percentile (nearest rank) of a list of numbers; NaN for an empty one. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

export const fixed = (value: number, digits = 1) =>
  Number.isFinite(value) ? value.toFixed(digits) : '—';

/** A table with a header row, columns right-aligned after the first. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** A ratio, or '—' when either side is missing. */
export const ratio = (a: number, b: number) => (Number.isFinite(a / b) && b !== 0 ? a / b : NaN);
