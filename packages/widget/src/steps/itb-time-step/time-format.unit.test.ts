import { describe, expect, it } from 'vitest';
import { en } from '../../locales/en.js';
import { nb } from '../../locales/nb.js';
import { sv } from '../../locales/sv.js';
import { formatShortDateTime, formatStripDay, formatWeek, zoneCountry } from './time-format.js';

const NOW = new Date('2026-11-20T10:00:00Z');
const WEEK = { start: '2026-11-30T00:00:00+01:00', end: '2026-12-07T00:00:00+01:00' };

describe('time step dates', () => {
  it('a week is Monday to Sunday: the window\'s exclusive end is not shown as a day', () => {
    expect(formatWeek(sv, WEEK, 'Europe/Stockholm', NOW)).toBe('30 nov.–6 dec.');
    expect(formatWeek(nb, WEEK, 'Europe/Oslo', NOW)).toBe('30. nov.–6. des.');
    // English ICU puts thin spaces around the dash.
    expect(formatWeek(en, WEEK, 'Europe/Stockholm', NOW).replace(/\s/g, ' ')).toBe('30 Nov – 6 Dec');
  });

  it('names the year only for a week outside this one, and survives the clock change', () => {
    const newYear = { start: '2026-12-28T00:00:00+01:00', end: '2027-01-04T00:00:00+01:00' };
    expect(formatWeek(sv, newYear, 'Europe/Stockholm', NOW)).toBe('28 dec. 2026–3 jan. 2027');
    const spring = { start: '2026-03-23T00:00:00+01:00', end: '2026-03-30T00:00:00+02:00' };
    expect(formatWeek(sv, spring, 'Europe/Stockholm', new Date('2026-03-20T10:00:00Z'))).toBe('23–29 mars');
  });

  it('a day of the strip: short and narrow weekday, date, and the long name for screen readers', () => {
    expect(formatStripDay(sv, '2026-12-08', 'Europe/Stockholm')).toEqual({ weekday: 'tis', narrow: 'T', date: '8', long: 'tisdag 8 december' });
    expect(formatStripDay(nb, '2026-12-08', 'Europe/Oslo')).toMatchObject({ weekday: 'tir', date: '8', long: 'tirsdag 8. desember' });
  });

  it('"first available time" is short enough for a phone', () => {
    expect(formatShortDateTime(sv, '2026-12-08T08:00:00Z', 'Europe/Stockholm')).toBe('tis 8 dec. 09:00');
  });

  it('the zone line names the country whose time it is', () => {
    expect(zoneCountry('Europe/Stockholm')).toBe('SE');
    expect(zoneCountry('Europe/Oslo')).toBe('NO');
    expect(zoneCountry('Europe/Berlin', 'de')).toBe('DE');
    expect(zoneCountry('Europe/Berlin', 'Deutschland')).toBeUndefined();
    expect(sv.time.timeZone('SE', 'Europe/Stockholm')).toBe('Tider i svensk tid');
    expect(nb.time.timeZone('NO', 'Europe/Oslo')).toBe('Tider i norsk tid');
    expect(en.time.timeZone('SE', 'Europe/Stockholm')).toBe('Times are Swedish time');
    expect(en.time.timeZone(undefined, 'Europe/Berlin')).toBe("Times are the clinic's local time (Europe/Berlin)");
  });
});
