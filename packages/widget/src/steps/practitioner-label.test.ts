import { expect } from '@open-wc/testing';
import type { Practitioner } from '@itb/shared';
import { practitionerLabel } from './practitioner-label.js';

const person = (name: string, roles: string[]): Practitioner => ({ id: 'pr-x', name, roles, active: true });

describe('practitionerLabel', () => {
  it('drops a leading role from the name and says it after the name in full', () => {
    expect(practitionerLabel(person('Tandläkare Anna Berg', ['Tandläkare']))).to.deep.equal({ short: 'Anna Berg', full: 'Anna Berg, tandläkare' });
  });

  it('keeps names that do not start with the role, and names without a role, as they are', () => {
    expect(practitionerLabel(person('Anna Tandläkare', ['Tandläkare']))).to.deep.equal({ short: 'Anna Tandläkare', full: 'Anna Tandläkare' });
    expect(practitionerLabel(person('Ortodontisten', ['Ortodontist']))).to.deep.equal({ short: 'Ortodontisten', full: 'Ortodontisten' });
    expect(practitionerLabel(person('Johan Ek', []))).to.deep.equal({ short: 'Johan Ek', full: 'Johan Ek' });
  });

  it('falls back to the given name when the practitioner is not in the catalog', () => {
    expect(practitionerLabel(undefined, 'Nora Lie')).to.deep.equal({ short: 'Nora Lie', full: 'Nora Lie' });
  });
});
