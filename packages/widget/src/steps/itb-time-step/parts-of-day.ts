/**
 * A day's times split into morning, afternoon and evening, so a busy day reads as three short
 * lists under small headings instead of one long one.
 * @module
 */

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

export interface DayPart<T> {
  readonly part: PartOfDay;
  readonly items: readonly T[];
}

/** Afternoon starts at 12:00 and evening at 17:00, clinic time. */
export function partOf(hour: number): PartOfDay {
  return hour < 12 ? 'morning' : hour < 17 ? 'afternoon' : 'evening';
}

/**
 * `items` (sorted by start) grouped by the part of the day they start in, in `timeZone`; only parts
 * that have times, in the order of the day.
 */
export function partsOfDay<T extends { readonly start: string }>(items: readonly T[], timeZone: string): DayPart<T>[] {
  const hourOf = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
  const parts = new Map<PartOfDay, T[]>([['morning', []], ['afternoon', []], ['evening', []]]);
  for (const item of items) parts.get(partOf(Number(hourOf.format(new Date(item.start)))))!.push(item);
  return [...parts].filter(([, list]) => list.length > 0).map(([part, list]) => ({ part, items: list }));
}
