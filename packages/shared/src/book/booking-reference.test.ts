import { describe, expect, it } from 'vitest';
import { SYSTEM } from '../fhir/urls.js';
import { bookingReference } from './booking-reference.js';

const SLOT = { system: SYSTEM.slotId, value: '001-2026-09-15T10:00:00-B3301-E8813-R1' };

describe('bookingReference', () => {
  it('is the source-system key under the endpoint-suffixed system (https or http), not the slot id', () => {
    const id = '001-2026-09-15T10:00:00-B3301-E8813-R1-A7';
    expect(bookingReference({ id, identifier: [SLOT, { system: `${SYSTEM.appointmentSourcePrefix}/e7d6c5b4`, value: '771103' }] })).toBe('771103');
    expect(bookingReference({ id, identifier: [{ system: `${SYSTEM.appointmentSourcePrefix.replace('https:', 'http:')}/e7d6`, value: '42' }] })).toBe('42');
  });

  it('also finds it by its identifier type alone', () => {
    expect(bookingReference({ id: 'x', identifier: [{ system: 'urn:other', type: { coding: [{ code: 'sourcesystem-identifier' }] }, value: 'K-9' }] })).toBe('K-9');
  });

  it('falls back to the ITB id, and to nothing', () => {
    expect(bookingReference({ id: 'apt-1', identifier: [SLOT, { system: `${SYSTEM.appointmentSourcePrefix}/e7d6`, value: '' }] })).toBe('apt-1');
    expect(bookingReference({ identifier: 'broken' })).toBeUndefined();
    expect(bookingReference(null)).toBeUndefined();
  });
});
