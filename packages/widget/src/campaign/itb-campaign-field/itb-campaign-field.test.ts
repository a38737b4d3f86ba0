import { expect } from '@open-wc/testing';
import type { ItbBooking } from '../../itb-booking/itb-booking.js';
import {
  button, catalogLoaded, deepQuery, deepQueryAll, deepText, mount, stepOf, waitFor,
} from '../../testing/widget.test-support.js';

async function enterCode(el: ItbBooking, code: string): Promise<void> {
  const field = await stepOf(el, 'itb-campaign-field');
  const input = deepQuery<HTMLInputElement>(field, 'input#code')!;
  input.value = code;
  input.dispatchEvent(new Event('input'));
  await field.updateComplete;
  button(field, 'Apply code').click();
}

const treatmentIds = (el: ItbBooking) => deepQueryAll<HTMLInputElement>(el, 'input[name="treatment"]').map((i) => i.value);

describe('itb-campaign-field', () => {
  it('a valid code unlocks and marks its treatments and shows its message', async () => {
    const el = await mount();
    await catalogLoaded(el);
    await enterCode(el, 'spring26');
    await waitFor(() => treatmentIds(el).includes('ad-spring-check-45'), 'campaign treatment shown');
    const text = deepText(el);
    expect(text).to.contain('Campaign code SPRING26 applied.');
    expect(text).to.contain('Spring offer!');
    const card = deepQueryAll(el, 'input[name="treatment"]').find((i) => (i as HTMLInputElement).value === 'ad-spring-check-45')!.closest('label')!;
    expect(card.textContent).to.contain('Campaign');
    await expect(el).to.be.accessible();
  });

  it('an unknown code shows a clear error and the normal flow continues', async () => {
    const el = await mount();
    await catalogLoaded(el);
    const before = treatmentIds(el);
    await enterCode(el, 'NOPE');
    await waitFor(() => deepText(el).includes('That campaign code is not valid.'), 'error shown');
    await catalogLoaded(el);
    expect(treatmentIds(el)).to.deep.equal(before);
    const input = deepQuery<HTMLInputElement>(el, 'input#code')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
  });

  it('an expired code from the attribute says so', async () => {
    const el = await mount({ campaign: 'WINTER25' });
    await catalogLoaded(el);
    await waitFor(() => deepText(el).includes('That campaign code has expired.'), 'expired shown');
    expect(treatmentIds(el)).to.not.include('ad-spring-check-45');
  });
});
