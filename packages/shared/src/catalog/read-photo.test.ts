import { describe, expect, it } from 'vitest';
import { EXT } from '../fhir/urls.js';
import { indexOffersContext } from './catalog.js';
import { IDS, elin, kungsholmen } from './offers-context.fixture.js';
import { clinicPhoto, inlinePhotoOf, practitionerPhoto } from './read-photo.js';

const BFF_CLINIC_PHOTO = 'https://clinic.example/booking/photos/clinic/hs-1?v=q3Xz9aB0';
const BFF_PRACTITIONER_PHOTO = 'https://clinic.example/booking/photos/practitioner/pr-1?v=Zx81Kp0q';

/** Elin as the BFF serves her: the contained Binary gone, the extension pointing at the image URL. */
function elinFromTheBff(reference: string): Record<string, unknown> {
  const { contained: _bytes, ...role } = elin();
  return {
    ...role,
    extension: [
      { url: EXT.practitionerRoleDescription, valueString: 'Tandhygienist sedan 2010.' },
      { url: EXT.binaryReference, valueReference: { reference, type: 'Binary' } },
    ],
  };
}

describe('photos in the URL form the BFF serves', () => {
  it('reads a clinic photo Attachment.url (http(s)) as the photo', () => {
    const hs = { ...kungsholmen(), photo: { contentType: 'image/png', url: BFF_CLINIC_PHOTO } };
    const bundle = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: hs }] };
    expect(indexOffersContext(bundle).clinics.get(IDS.kungsholmen)?.photo).toBe(BFF_CLINIC_PHOTO);
  });

  it('reads a practitioner photo as an absolute Binary reference', () => {
    const bundle = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: elinFromTheBff(BFF_PRACTITIONER_PHOTO) }] };
    expect(indexOffersContext(bundle).practitioners.get(IDS.elin)?.photo).toBe(BFF_PRACTITIONER_PHOTO);
  });

  it('refuses photo addresses that are not http(s) and attachments that say they are not images', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'ftp://x/y.png', 'not a url']) {
      expect(clinicPhoto({ photo: { contentType: 'image/png', url } })).toBeUndefined();
      expect(practitionerPhoto(elinFromTheBff(url))).toBeUndefined();
    }
    expect(clinicPhoto({ photo: { contentType: 'text/html', url: BFF_CLINIC_PHOTO } })).toBeUndefined();
  });

  it('still reads the base64 forms of an unchanged upstream', () => {
    expect(clinicPhoto(kungsholmen())).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(practitionerPhoto(elin())).toBe('data:image/jpeg;base64,/9j/4AAQSkZJRg==');
    const viaContained = { resourceType: 'HealthcareService', contained: [{ resourceType: 'Binary', id: 'pic', contentType: 'image/webp', data: 'UklGRg==' }], photo: { url: '#pic' } };
    expect(clinicPhoto(viaContained)).toBe('data:image/webp;base64,UklGRg==');
  });
});

describe('inlinePhotoOf', () => {
  it('finds the bytes inline in a clinic photo, in a contained Binary and behind ext-binary-reference', () => {
    expect(inlinePhotoOf(kungsholmen(), 'clinic')).toEqual({ contentType: 'image/png', data: 'iVBORw0KGgo=' });
    const viaContained = { contained: [{ resourceType: 'Binary', id: 'pic', contentType: 'IMAGE/JPEG', data: '/9j/\n4AAQ' }], photo: { url: '#pic' } };
    expect(inlinePhotoOf(viaContained, 'clinic')).toEqual({ contentType: 'image/jpeg', data: '/9j/4AAQ', binaryId: 'pic' });
    expect(inlinePhotoOf(elin(), 'practitioner')).toEqual({ contentType: 'image/jpeg', data: '/9j/4AAQSkZJRg==', binaryId: 'avatar1' });
  });

  it('finds nothing in the URL form or in garbage', () => {
    expect(inlinePhotoOf({ photo: { contentType: 'image/png', url: BFF_CLINIC_PHOTO } }, 'clinic')).toBeUndefined();
    expect(inlinePhotoOf(elinFromTheBff(BFF_PRACTITIONER_PHOTO), 'practitioner')).toBeUndefined();
    expect(inlinePhotoOf({ photo: { contentType: 'image/png', data: 'not base64!' } }, 'clinic')).toBeUndefined();
    expect(inlinePhotoOf(null, 'clinic')).toBeUndefined();
  });
});
