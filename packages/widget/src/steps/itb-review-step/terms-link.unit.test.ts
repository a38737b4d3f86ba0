import { describe, expect, it } from 'vitest';
import { en } from '../../locales/en.js';
import { nb } from '../../locales/nb.js';
import { sv } from '../../locales/sv.js';

describe('the terms label', () => {
  it('holds its link words word for word in every locale (else the terms-url link would silently not show)', () => {
    for (const t of [sv, nb, en]) expect(t.review.terms).toContain(t.review.termsLink);
  });
});
