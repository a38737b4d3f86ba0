import { describe, expect, it } from 'vitest';
import { addDays, daysOfWeek, instantInDay, moveFor } from './day-grid.js';

describe('day grid keys (APG date picker)', () => {
  it('←/→ move one day and cross into the neighbouring week at either end', () => {
    expect(moveFor('ArrowRight', 2)).toEqual({ index: 3, weeks: 0 });
    expect(moveFor('ArrowLeft', 2)).toEqual({ index: 1, weeks: 0 });
    expect(moveFor('ArrowRight', 6)).toEqual({ index: 0, weeks: 1 });
    expect(moveFor('ArrowLeft', 0)).toEqual({ index: 6, weeks: -1 });
  });

  it('Home/End go to the first/last day of the week', () => {
    expect(moveFor('Home', 4)).toEqual({ index: 0, weeks: 0 });
    expect(moveFor('End', 1)).toEqual({ index: 6, weeks: 0 });
  });

  it('PageUp/PageDown and ↑/↓ keep the weekday and change the week (a week is a row)', () => {
    expect(moveFor('PageDown', 3)).toEqual({ index: 3, weeks: 1 });
    expect(moveFor('ArrowDown', 3)).toEqual({ index: 3, weeks: 1 });
    expect(moveFor('PageUp', 5)).toEqual({ index: 5, weeks: -1 });
    expect(moveFor('ArrowUp', 5)).toEqual({ index: 5, weeks: -1 });
  });

  it('other keys are not the grid\'s', () => {
    for (const key of ['Tab', 'Enter', ' ', 'a', 'Escape']) expect(moveFor(key, 3)).toBeUndefined();
  });

  it('a week window gives its seven dates, across a month end and a clock change', () => {
    expect(daysOfWeek({ start: '2026-11-30T00:00:00+01:00' })).toEqual([
      '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06',
    ]);
    expect(daysOfWeek({ start: '2026-03-23T00:00:00+01:00' }).at(-1)).toBe('2026-03-29');
  });

  it('adds days over month and year ends, and names an instant inside the day', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(instantInDay('2026-12-08')).toBe('2026-12-08T12:00:00Z');
  });
});
