import { expect, it } from 'vitest';
import { formatCell, toCsv } from './table';

it('writes the raw values as CSV, quoting separators and defusing spreadsheet formulas', () => {
  const csv = toCsv({
    columns: [{ key: 'sku', label: 'SKU' }, { key: 'rate', label: 'Rate', format: 'percent' }, { key: 'note', label: 'Note' }],
    rows: [
      { sku: 'TEE', rate: 0.25, note: 'size, "small"' },
      { sku: '=HYPERLINK("x")', rate: null, note: '-3' },
    ],
  });
  expect(csv).toBe('sku,rate,note\nTEE,0.25,"size, ""small"""\n"\'=HYPERLINK(""x"")",,\'-3\n');
});

it('formats cells for people: money in the currency, rates in %, kg, missing as a dash', () => {
  expect(formatCell(1234.5, 'money', 'EUR')).toBe('€1,234.50');
  expect(formatCell(0.3333, 'percent')).toBe('33.3%');
  expect(formatCell(0.076612, 'kg')).toBe('0.077 kg');
  expect(formatCell(1530.26, 'kg')).toBe('1,530.3 kg');
  expect(formatCell(null, 'money')).toBe('–');
  expect(formatCell('2026-05-04T00:00:00.000Z', 'day')).toBe('2026-05-04');
});
