import { describe, expect, it } from 'vitest';
import { readDeepLink, startChoices } from './start-choices.js';

describe('start choices', () => {
  it('reads itb-clinic, itb-treatment and itb-campaign from the page address, and nothing else', () => {
    expect(readDeepLink('https://clinic.example/boka?itb-clinic=stockholm-city&itb-treatment=hyg45&itb-campaign=SPRING26&itb-practitioner=x&clinic=y'))
      .toEqual({ clinic: 'stockholm-city', treatment: 'hyg45', campaign: 'SPRING26' });
    expect(readDeepLink('https://clinic.example/boka')).toEqual({ clinic: undefined, treatment: undefined, campaign: undefined });
  });

  it('takes each key from the strongest layer that gives it: prefill, then attributes, then deep links', () => {
    const prefill = { treatment: 'ad-whitening' };
    const attributes = { clinic: 'hs-stockholm-city', treatment: 'hyg45', practitioner: ' ', campaign: '' };
    const link = { clinic: 'oslo-sentrum', treatment: 'x', campaign: 'SPRING26' };
    expect(startChoices(prefill, attributes, link)).toEqual({ clinic: 'hs-stockholm-city', treatment: 'ad-whitening', practitioner: undefined, campaign: 'SPRING26' });
    expect(startChoices({ clinic: '  oslo  ' })).toEqual({ clinic: 'oslo', treatment: undefined, practitioner: undefined, campaign: undefined });
  });
});
