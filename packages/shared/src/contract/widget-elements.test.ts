import { describe, expect, it } from 'vitest';
import { indexOffersContext } from '../catalog/catalog.js';
import { offersContextBundle } from '../catalog/offers-context.fixture.js';
import { parseElements, subsetBundle } from '../fhir/elements.js';
import { OFFERS_CONTEXT_ELEMENTS } from './widget-elements.js';

describe('OFFERS_CONTEXT_ELEMENTS', () => {
  it('keeps everything indexOffersContext reads, an inactive practitioner included', () => {
    const whole = offersContextBundle();
    const role = whole.entry?.find((e) => e.resource?.resourceType === 'PractitionerRole')?.resource as { active?: boolean } | undefined;
    if (role === undefined) throw new Error('the fixture has no PractitionerRole');
    role.active = false;
    const subset = subsetBundle(whole, parseElements(OFFERS_CONTEXT_ELEMENTS));
    expect(JSON.stringify(subset)).toContain('SUBSETTED');
    expect(indexOffersContext(subset)).toEqual(indexOffersContext(whole));
    expect([...indexOffersContext(subset).practitioners.values()].some((p) => !p.active)).toBe(true);
  });
});
