import { describe, expect, it } from 'vitest';
import { ATTRIBUTION_KEYS, cleanAttribution, isEmptyAttribution, looksPersonal, readAttributionHeader } from './attribution.js';

const search = (query: string) => new URLSearchParams(query);

describe('cleanAttribution', () => {
  it('keeps the five UTM keys, trimmed, with the first value of each', () => {
    const page = search('utm_source=newsletter&utm_medium=email&utm_campaign=v%C3%A5r-2026&utm_term=tandblekning&utm_content=banner_300x250%20top&utm_source=other');
    expect(cleanAttribution(page)).toEqual({
      utm_source: 'newsletter', utm_medium: 'email', utm_campaign: 'vår-2026', utm_term: 'tandblekning', utm_content: 'banner_300x250 top',
    });
    expect(cleanAttribution(search('utm_source=%20google%20'))).toEqual({ utm_source: 'google' });
  });

  it('ignores every other parameter, including near-misses of the keys', () => {
    expect(cleanAttribution(search('gclid=abc&fbclid=x&UTM_SOURCE=a&utm_id=7&utm_source_platform=b&campaign=SPRING26&itb-clinic=x'))).toEqual({});
  });

  it('drops values that are empty, too long or outside the safe characters', () => {
    const long = 'a'.repeat(101);
    expect(cleanAttribution(search(`utm_source=${'a'.repeat(100)}`))).toEqual({ utm_source: 'a'.repeat(100) });
    for (const bad of ['', '   ', long, '<script>', 'a"b', "it's", 'a=b', 'a&b', 'x;y', '%', 'tab\there', 'line\nbreak', 'a\u0000b', '\uFFFD']) {
      expect(cleanAttribution([['utm_campaign', bad]]), JSON.stringify(bad)).toEqual({});
    }
  });

  it('drops values that look like an e-mail address, a phone number or a personal number', () => {
    const personal = [
      'alva@example.invalid', 'mail@x', '+46701740605', '0701740605', '070-174 06 05', '070 174 06 05', '+47 912 34 567',
      '198503149828', '19850314-9828', '850314-9828', '850314+9828', '01010112345', '010101 12345', '010190-1234', '010501A123B', '131052-308T',
      'call 0701740605 now',
    ];
    for (const value of personal) {
      expect(looksPersonal(value), value).toBe(true);
      expect(cleanAttribution([['utm_term', value]]), value).toEqual({});
    }
    for (const value of ['spring2026', 'v12', '300x250', 'q1-2026', 'black friday', '2026-03']) {
      expect(looksPersonal(value), value).toBe(false);
    }
  });

  it('takes only strings (a saved object may hold anything)', () => {
    expect(cleanAttribution(Object.entries({ utm_source: 42, utm_medium: null, utm_campaign: 'ok' }))).toEqual({ utm_campaign: 'ok' });
  });
});

describe('the attribution header', () => {
  it('reads the URL-encoded pairs the widget sends', () => {
    const attribution = { utm_source: 'nyhetsbrev', utm_campaign: 'vår kampanj/2026' };
    expect(readAttributionHeader(new URLSearchParams(attribution).toString())).toEqual(attribution);
    expect(isEmptyAttribution({})).toBe(true);
    expect(isEmptyAttribution(attribution)).toBe(false);
  });

  it('reads anything else as no attribution, never as an error', () => {
    for (const value of [undefined, null, 42, ['utm_source=a'], '', '%%%', `utm_source=${'a'.repeat(5000)}`, 'utm_source=a'.padEnd(4097, ' ')]) {
      expect(readAttributionHeader(value), String(value).slice(0, 20)).toEqual({});
    }
    expect(readAttributionHeader('utm_source=a&utm_medium=%E0%A4%A')).toEqual({ utm_source: 'a' });
    expect(ATTRIBUTION_KEYS).toHaveLength(5);
  });
});
