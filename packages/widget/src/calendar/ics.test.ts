import { expect } from '@open-wc/testing';
import { buildIcs, escapeText, foldLine, icsDataUrl, icsDate } from './ics.js';

describe('ics', () => {
  const event = {
    uid: 'apt-1@itb-booking',
    start: '2026-09-15T10:00:00+02:00',
    end: '2026-09-15T10:45:00+02:00',
    summary: 'Tandhygienistbesök – Fjordvik, City; plan 3',
    location: 'Drottninggatan 45, Stockholm',
    description: 'Elin Holm\nKom i god tid',
    stamp: new Date('2026-09-01T12:00:00Z'),
  };

  it('writes UTC times', () => {
    expect(icsDate('2026-09-15T10:00:00+02:00')).to.equal('20260915T080000Z');
    const ics = buildIcs(event);
    expect(ics).to.contain('DTSTART:20260915T080000Z\r\n');
    expect(ics).to.contain('DTEND:20260915T084500Z\r\n');
    expect(ics).to.contain('DTSTAMP:20260901T120000Z\r\n');
  });

  it('escapes commas, semicolons, backslashes and newlines in text', () => {
    expect(escapeText('a,b;c\\d\ne')).to.equal('a\\,b\\;c\\\\d\\ne');
    expect(buildIcs(event)).to.contain('DESCRIPTION:Elin Holm\\nKom i god tid');
  });

  it('uses CRLF everywhere and folds lines longer than 75 octets without splitting characters', () => {
    const long = `SUMMARY:${'å'.repeat(60)}`;
    const folded = foldLine(long);
    const lines = folded.split('\r\n');
    expect(lines.length).to.be.greaterThan(1);
    for (const line of lines) expect(new TextEncoder().encode(line).length).to.be.at.most(75);
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).to.equal(long);
    const ics = buildIcs(event);
    expect(ics.replace(/\r\n/g, '')).to.not.contain('\n');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).to.equal(true);
    expect(ics.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).to.equal(true);
  });

  it('round-trips through a data: URL', async () => {
    const ics = buildIcs(event);
    const text = await (await fetch(icsDataUrl(ics))).text();
    expect(text).to.equal(ics);
  });
});
