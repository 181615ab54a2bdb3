/** One line of the benchmark table: our figure, the baseline measured in the same run, and their ratio. */
export interface BenchRow {
  benchmark: string;
  metric: string;
  unit: string;
  value: number;
  baseline?: number;
  baselineName?: string;
  /** What the issue asks for, in words (e.g. "ratio <= 2"). */
  target?: string;
}

/** Formats rows as a fixed-width text table with a value/baseline ratio column. */
export function formatBenchTable(rows: BenchRow[]): string {
  const fmt = (n: number | undefined) =>
    n === undefined ? '' : Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
  const table = rows.map((r) => [
    r.benchmark,
    r.metric,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline === undefined ? '' : `${fmt(r.baseline)} ${r.unit} (${r.baselineName ?? 'baseline'})`,
    r.baseline ? (r.value / r.baseline).toFixed(2) : '',
    r.target ?? '',
  ]);
  const head = ['benchmark', 'metric', 'value', 'baseline', 'ratio', 'target'];
  const widths = head.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...table.map(line)].join('\n');
}
