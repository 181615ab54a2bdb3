import { describe, expect, it } from 'vitest';
import { parseIsoTimestamp } from './timestamps';

describe('parseIsoTimestamp', () => {
  it('reads days as midnight UTC, and timestamps with or without seconds and offsets', () => {
    expect(parseIsoTimestamp('2028-02-29')?.toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(parseIsoTimestamp('2026-05-03T09:00:00Z')?.toISOString()).toBe('2026-05-03T09:00:00.000Z');
    expect(parseIsoTimestamp('2026-05-03T11:30:15.250+02:00')?.toISOString()).toBe('2026-05-03T09:30:15.250Z');
    expect(parseIsoTimestamp('2026-12-31T23:59Z')?.toISOString()).toBe('2026-12-31T23:59:00.000Z');
  });

  it('refuses days and times that do not exist, which Date would roll over', () => {
    for (const value of ['2026-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-05-00', '2026-05-03T24:00:00Z', '2026-05-03T09:60Z', '2026-05-03T09:00:61Z']) {
      expect(parseIsoTimestamp(value), value).toBeNull();
    }
  });

  it('refuses what is not written as ISO 8601', () => {
    for (const value of ['', 'yesterday', '03/05/2026', '2026-5-3', '2026-05-03T9:00', '2026-05-03T09:00:00+25:00']) {
      expect(parseIsoTimestamp(value), value).toBeNull();
    }
  });
});
