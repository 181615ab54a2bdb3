/** How one column of a chart's table reads: its key in the row, its header, and how its numbers are shown. */
export interface Column<Row> {
  key: keyof Row & string;
  label: string;
  format?: 'text' | 'count' | 'money' | 'percent' | 'kg' | 'day';
  /** Keep the cell on one line (codes such as SKUs read wrongly when broken at a hyphen). */
  nowrap?: boolean;
}

/** The numbers behind one chart: the same rows feed the chart, its <table> and its CSV. */
export interface ChartTable<Row> {
  /** The table's name in the CSV link (?table=). */
  name: string;
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
}

/** One cell as a person reads it in the table (the CSV keeps the raw value). */
export function formatCell(value: unknown, format: Column<unknown>['format'] = 'text', currency = 'USD'): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value !== 'number') return format === 'day' ? String(value).slice(0, 10) : String(value);
  switch (format) {
    case 'money':
      return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(value);
    case 'percent':
      return `${(value * 100).toFixed(1)}%`;
    case 'kg':
      return `${value.toLocaleString('en-US', { maximumFractionDigits: value < 10 ? 3 : 1 })} kg`;
    default:
      return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
  }
}

const csvCell = (v: unknown) => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quote what would break the row, and neutralise leading formula characters spreadsheets would execute.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v !== 'number' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** A table as CSV: a header of column keys, then one line per row with the raw values. */
export function toCsv<Row>(table: Pick<ChartTable<Row>, 'columns' | 'rows'>): string {
  const lines = [table.columns.map((c) => c.key), ...table.rows.map((r) => table.columns.map((c) => (r as Record<string, unknown>)[c.key]))];
  return lines.map((l) => l.map(csvCell).join(',')).join('\n') + '\n';
}

/** A CSV download response. */
export function csvResponse(filename: string, body: string): Response {
  return new Response(body, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` } });
}
