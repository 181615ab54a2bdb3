import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { roundMoney } from './money';

describe('roundMoney', () => {
  it('rounds half a cent away from zero, as DuckDB casts to DECIMAL(18,2)', async () => {
    const amounts = [1.005, 2.675, 30.005, 0.125, 19.99, 1234.5649, 0.1 + 0.2, 89.99 * 3, -1.005, 0, 1e-9];
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const duck = (await conn.runAndReadAll(`select ${amounts.map((a) => `cast(${a.toString()} as decimal(18, 2))::double`).join(', ')}`)).getRows()[0].map(Number);
    expect(amounts.map(roundMoney)).toEqual(duck);
    expect(roundMoney(1.005)).toBe(1.01);
    expect(roundMoney(2.675)).toBe(2.68);
    expect(roundMoney(-1.005)).toBe(-1.01);
    conn.closeSync();
  });
});
