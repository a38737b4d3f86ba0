import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { renderPhoto } from './photo.js';

const BFF = '/booking-api';

function rendered(photo: string | undefined): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  render(renderPhoto(photo), host);
  return host.firstElementChild as HTMLElement;
}

/** A photo URL from the real BFF's catalog answer. */
async function practitionerPhotoUrl(): Promise<string> {
  const response = await fetch(`${BFF}/fhir/$get-offers-context?includePractitionerRolePortal=true`);
  const text = await response.text();
  const match = /"reference":"([^"]*\/photos\/practitioner\/[^"]*)"/.exec(text);
  if (match === null) throw new Error('no practitioner photo link in the catalog answer');
  return match[1]!;
}

describe('renderPhoto', () => {
  afterEach(() => { document.body.replaceChildren(); });

  it('asks the BFF for the 1x and 2x widths, lazily, with its size and an empty alt', () => {
    const img = rendered('https://clinic.example/booking/photos/clinic/hs-1?v=abc') as HTMLImageElement;
    expect(img.tagName).to.equal('IMG');
    expect(img.getAttribute('src')).to.equal('https://clinic.example/booking/photos/clinic/hs-1?v=abc&w=64');
    expect(img.getAttribute('srcset')).to.equal('https://clinic.example/booking/photos/clinic/hs-1?v=abc&w=128 2x');
    expect([img.getAttribute('width'), img.getAttribute('height'), img.getAttribute('loading'), img.getAttribute('decoding'), img.getAttribute('alt')])
      .to.deep.equal(['64', '64', 'lazy', 'async', '']);
  });

  it('uses a data: URL from an unchanged upstream as it is, and shows the empty box without a photo', () => {
    const img = rendered('data:image/png;base64,iVBORw0KGgo=') as HTMLImageElement;
    expect(img.getAttribute('src')).to.equal('data:image/png;base64,iVBORw0KGgo=');
    expect(img.hasAttribute('srcset')).to.equal(false);
    const box = rendered(undefined);
    expect([box.tagName, box.getAttribute('aria-hidden')]).to.deep.equal(['SPAN', 'true']);
  });

  it('loads a practitioner photo from the real BFF at the width asked for', async () => {
    const url = await practitionerPhotoUrl();
    const img = rendered(url) as HTMLImageElement;
    if (!img.complete) await new Promise((resolve, reject) => { img.addEventListener('load', resolve); img.addEventListener('error', reject); });
    expect(img.naturalWidth).to.equal(window.devicePixelRatio >= 2 ? 128 : 64);
  });
});
