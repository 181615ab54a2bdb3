import { describe, expect, it } from 'vitest';
import { BadFilterError, kpiFilters, queryString, readChoice, readFilters } from './filters';

const url = (q: string) => new URL(`http://x/finance${q}`);
const now = new Date('2026-06-15T13:00:00Z');

describe('readFilters', () => {
  it('defaults to the days up to the end of today and reads the filters', () => {
    expect(readFilters(url(''), 30, now)).toEqual({ from: '2026-05-17', to: '2026-06-16', category: '', channel: '', sku: '' });
    expect(readFilters(url('?from=2026-01-01&to=2026-02-01&category=apparel&channel=web&sku=%20TEE%20'), 30, now)).toEqual({
      from: '2026-01-01', to: '2026-02-01', category: 'apparel', channel: 'web', sku: 'TEE',
    });
    expect(readFilters(url('?to=2026-03-01'), 28, now).from).toBe('2026-02-01');
  });

  it('refuses dates that are not days, a window that ends before it starts, and overlong filters', () => {
    expect(() => readFilters(url('?from=yesterday'), 30, now)).toThrow(new BadFilterError("from 'yesterday' is not a date such as 2026-05-01"));
    expect(() => readFilters(url('?to=2026-02-30'), 30, now)).toThrow("to '2026-02-30' is not a date such as 2026-05-01");
    expect(() => readFilters(url('?from=2026-03-01&to=2026-03-01'), 30, now)).toThrow('from 2026-03-01 must be before to 2026-03-01');
    expect(() => readFilters(url(`?sku=${'x'.repeat(101)}`), 30, now)).toThrow('sku is longer than 100 characters');
  });
});

describe('readChoice, kpiFilters and queryString', () => {
  it('reads a known choice, falls back when absent and names the choices when unknown', () => {
    expect(readChoice(url('?grain=week'), 'grain', ['day', 'week'], 'day')).toBe('week');
    expect(readChoice(url(''), 'grain', ['day', 'week'], 'day')).toBe('day');
    expect(() => readChoice(url('?grain=year'), 'grain', ['day', 'week'], 'day')).toThrow("grain 'year' is not one of day, week");
  });

  it('leaves empty filters out of the engine question and of links', () => {
    const f = { from: '2026-01-01', to: '2026-02-01', category: '', channel: 'web', sku: '' };
    expect(kpiFilters(f)).toEqual({ from: '2026-01-01', to: '2026-02-01', category: undefined, channel: 'web', sku: undefined });
    expect(queryString({ ...f, table: 'a b&c' })).toBe('?from=2026-01-01&to=2026-02-01&channel=web&table=a+b%26c');
  });
});
