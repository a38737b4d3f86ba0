import { expect } from '@open-wc/testing';
import { googleCalendarUrl, outlookCalendarUrl } from './calendar-links.js';

describe('calendar links', () => {
  const event = {
    start: '2026-09-15T10:00:00+02:00',
    end: '2026-09-15T10:45:00+02:00',
    title: 'Tandhygienistbesök – Fjordvik Tandvård Stockholm City',
    location: 'Drottninggatan 45, 111 21 Stockholm',
    details: 'Fjordvik & Co; "plan 3" #lift',
  };

  it('Google: an https event template with UTC dates and every text encoded', () => {
    const url = new URL(googleCalendarUrl(event));
    expect(url.origin).to.equal('https://calendar.google.com');
    expect(url.pathname).to.equal('/calendar/render');
    expect(url.searchParams.get('action')).to.equal('TEMPLATE');
    expect(url.searchParams.get('dates')).to.equal('20260915T080000Z/20260915T084500Z');
    expect(url.searchParams.get('text')).to.equal(event.title);
    expect(url.searchParams.get('location')).to.equal(event.location);
    expect(url.searchParams.get('details')).to.equal(event.details);
    expect(url.hash).to.equal('');
  });

  it('Outlook: an https compose deep link with ISO UTC times', () => {
    const url = new URL(outlookCalendarUrl(event));
    expect(url.origin).to.equal('https://outlook.live.com');
    expect(url.searchParams.get('rru')).to.equal('addevent');
    expect(url.searchParams.get('startdt')).to.equal('2026-09-15T08:00:00.000Z');
    expect(url.searchParams.get('enddt')).to.equal('2026-09-15T08:45:00.000Z');
    expect(url.searchParams.get('subject')).to.equal(event.title);
    expect(url.searchParams.get('location')).to.equal(event.location);
    expect(url.searchParams.get('body')).to.equal(event.details);
  });

  it('leaves out empty location and details', () => {
    const url = new URL(googleCalendarUrl({ start: event.start, end: event.end, title: 'x', location: '' }));
    expect(url.searchParams.has('location')).to.equal(false);
    expect(url.searchParams.has('details')).to.equal(false);
  });
});
