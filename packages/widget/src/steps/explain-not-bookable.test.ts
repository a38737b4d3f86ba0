import { expect } from '@open-wc/testing';
import { en } from '../locales/en.js';
import { nb } from '../locales/nb.js';
import { sv } from '../locales/sv.js';
import { explainNotBookable } from './explain-not-bookable.js';

describe('explainNotBookable', () => {
  it('says nothing for a bookable offer and keeps the clinic\'s own offline reason', () => {
    expect(explainNotBookable(en.treatment, { bookable: true })).to.equal(undefined);
    expect(explainNotBookable(sv.practitioner, { bookable: false, reason: 'offer-offline', text: 'Journalen är nere.' }))
      .to.equal('Kan inte bokas online just nu: Journalen är nere.');
  });

  it('tells the patient in sv, nb and en that an unresolved treatment cannot be booked here', () => {
    const unresolved = { bookable: false, reason: 'treatment-unresolved' } as const;
    expect(explainNotBookable(sv.treatment, unresolved)).to.equal('Kan inte bokas online här. Kontakta kliniken.');
    expect(explainNotBookable(nb.treatment, unresolved)).to.equal('Kan ikke bestilles på nett her. Ta kontakt med klinikken.');
    expect(explainNotBookable(en.practitioner, unresolved)).to.equal('Cannot be booked online here. Please contact the clinic.');
  });
});
