/**
 * The day strip's keyboard, after the WAI-ARIA APG date picker grid
 * (https://www.w3.org/WAI/ARIA/apg/patterns/dialog-modal/examples/datepicker-dialog/): one row of
 * seven days, so "a week" is "a row". Pure, so each key's rule is unit-tested without a browser.
 * @module
 */

/** Where a key press moves focus: to `index` (0 = Monday) in this week (`weeks` 0) or the previous/next one. */
export interface GridMove {
  readonly index: number;
  readonly weeks: -1 | 0 | 1;
}

const DAYS = 7;

/**
 * The move for `key` pressed on the day at `index`, or `undefined` when the key is not the grid's
 * (Tab, letters … go on as usual). ←/→ cross into the neighbouring week at either end, as the APG
 * grid crosses into the neighbouring month.
 */
export function moveFor(key: string, index: number): GridMove | undefined {
  switch (key) {
    case 'ArrowLeft': return index === 0 ? { index: DAYS - 1, weeks: -1 } : { index: index - 1, weeks: 0 };
    case 'ArrowRight': return index === DAYS - 1 ? { index: 0, weeks: 1 } : { index: index + 1, weeks: 0 };
    case 'Home': return { index: 0, weeks: 0 };
    case 'End': return { index: DAYS - 1, weeks: 0 };
    case 'PageUp': case 'ArrowUp': return { index, weeks: -1 };
    case 'PageDown': case 'ArrowDown': return { index, weeks: 1 };
    default: return undefined;
  }
}

/** The day `days` after `key` (both YYYY-MM-DD calendar dates; no time zone involved). */
export function addDays(key: string, days: number): string {
  const [year, month, day] = key.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * The seven calendar dates (YYYY-MM-DD) of a week window from weekWindow: its start is local
 * midnight written with the zone's offset, so its first ten characters are Monday's date there.
 */
export function daysOfWeek(window: { readonly start: string }): string[] {
  const monday = window.start.slice(0, 10);
  return Array.from({ length: DAYS }, (_, i) => addDays(monday, i));
}

/**
 * An instant inside the calendar day `key`, to ask for that day's week: noon UTC falls on the same
 * date in every zone from UTC−11 to UTC+11, which covers every clinic ITB serves.
 */
export function instantInDay(key: string): string {
  return `${key}T12:00:00Z`;
}
