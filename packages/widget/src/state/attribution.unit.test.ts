import { describe, expect, it } from 'vitest';
import { startAttribution } from './attribution.js';

describe('startAttribution', () => {
  it('takes the page\'s UTM parameters, cleaned', () => {
    const href = 'https://clinic.example/boka?utm_source=nyhetsbrev&utm_medium=email&utm_term=alva%40example.se&utm_content=0701740605&itb-clinic=x';
    expect(startAttribution(href, undefined)).toEqual({ utm_source: 'nyhetsbrev', utm_medium: 'email' });
  });

  it('prefers the address, and falls back to what the journey saved before a login left the page, cleaned again', () => {
    const saved = { attribution: { utm_source: 'saved', utm_term: '19850314-9828' } };
    expect(startAttribution('https://clinic.example/boka?utm_source=here', saved)).toEqual({ utm_source: 'here' });
    expect(startAttribution('https://clinic.example/boka', saved)).toEqual({ utm_source: 'saved' });
    expect(startAttribution('https://clinic.example/boka', undefined)).toEqual({});
  });
});
