import { addWorkingTime, workingMsBetween } from '@hubspoke/domain';
import { describe, expect, it } from 'vitest';

const rome = { workingDaysOnly: true, timeZone: 'Europe/Rome' };
const H = 3_600_000;

describe('working time in Europe/Rome', () => {
  it('two working days from Thursday noon end on Monday noon', () => {
    const thursdayNoon = new Date('2026-11-26T11:00:00Z'); // 12:00 in Rome (CET)
    expect(addWorkingTime(thursdayNoon, 48, rome).toISOString()).toBe('2026-11-30T11:00:00.000Z');
  });

  it('a question asked on Saturday starts counting on Monday at midnight', () => {
    const saturday = new Date('2026-11-28T15:00:00Z');
    expect(addWorkingTime(saturday, 2, rome).toISOString()).toBe('2026-11-30T01:00:00.000Z'); // 02:00 Rome
  });

  it('counts the daylight-saving night correctly (23 hours on 29 March 2026)', () => {
    const friday = new Date('2026-03-27T11:00:00Z');
    expect(addWorkingTime(friday, 24, rome).toISOString()).toBe('2026-03-30T10:00:00.000Z'); // Monday 12:00 CEST
  });

  it('measures elapsed working time without the weekend', () => {
    const fridayNoon = new Date('2026-11-27T11:00:00Z');
    const mondayNoon = new Date('2026-11-30T11:00:00Z');
    expect(workingMsBetween(fridayNoon, mondayNoon, rome)).toBe(24 * H);
    expect(workingMsBetween(fridayNoon, mondayNoon, { ...rome, workingDaysOnly: false })).toBe(72 * H);
  });
});
