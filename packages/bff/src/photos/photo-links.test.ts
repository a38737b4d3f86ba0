import { describe, expect, it } from 'vitest';
import { EXT } from '@itb/shared';
import { withPhotoLinks, type LinkPhoto } from './photo-links.js';

const PNG = 'iVBORw0KGgo=';
const link: LinkPhoto = (kind, id, photo) => (photo.contentType === 'image/svg+xml' ? undefined : { url: `https://bff.example/photos/${kind}/${id}?v=h`, contentType: 'image/png' });

const clinic = (photo: unknown, contained: unknown[] = []) => ({ resourceType: 'HealthcareService', id: 'hs-1', name: 'Kliniken', contained, photo });
const role = (binary: Record<string, unknown>, extra: unknown[] = []) => ({
  resourceType: 'PractitionerRole',
  id: 'pr-1',
  contained: [{ resourceType: 'Binary', id: 'avatar', ...binary }],
  extension: [{ url: EXT.binaryReference, valueReference: { reference: '#avatar' } }, ...extra],
});

describe('withPhotoLinks', () => {
  it('turns an inline clinic photo into Attachment.url and keeps its other fields', () => {
    const body = { resourceType: 'Bundle', type: 'searchset', entry: [{ fullUrl: 'x', resource: clinic({ contentType: 'image/png', data: PNG, title: 'Entrén', size: 8 }) }] };
    const linked = withPhotoLinks(body, link) as typeof body;
    expect(linked.entry[0]!.resource).toEqual({ resourceType: 'HealthcareService', id: 'hs-1', name: 'Kliniken', contained: [], photo: { contentType: 'image/png', title: 'Entrén', url: 'https://bff.example/photos/clinic/hs-1?v=h' } });
    expect(body.entry[0]!.resource.photo).toMatchObject({ data: PNG }); // not mutated
  });

  it('points the practitioner binary reference at the URL and drops the contained Binary', () => {
    expect(withPhotoLinks(role({ contentType: 'image/jpeg', data: PNG }), link)).toEqual({
      resourceType: 'PractitionerRole', id: 'pr-1',
      extension: [{ url: EXT.binaryReference, valueReference: { reference: 'https://bff.example/photos/practitioner/pr-1?v=h', type: 'Binary' } }],
    });
  });

  it('keeps a contained Binary that something else still references', () => {
    const other = { url: 'https://example.org/other', valueReference: { reference: '#avatar' } };
    const linked = withPhotoLinks(role({ contentType: 'image/jpeg', data: PNG }, [other]), link) as { contained: unknown[] };
    expect(linked.contained).toHaveLength(1);
  });

  it('drops a photo it will not serve (svg) instead of leaving the bytes', () => {
    const svg = { contentType: 'image/svg+xml', data: 'PHN2Zz48L3N2Zz4=' };
    expect(withPhotoLinks(clinic(svg), link)).toEqual({ resourceType: 'HealthcareService', id: 'hs-1', name: 'Kliniken', contained: [] });
    expect(withPhotoLinks(role(svg), link)).toEqual({ resourceType: 'PractitionerRole', id: 'pr-1', extension: [] });
    const inBinary = withPhotoLinks(clinic({ url: '#pic' }, [{ resourceType: 'Binary', id: 'pic', ...svg }]), link);
    expect(JSON.stringify(inBinary)).not.toContain(svg.data);
  });

  it('leaves resources without inline photos, and other resource types, as they are', () => {
    const already = clinic({ contentType: 'image/png', url: 'https://bff.example/photos/clinic/hs-1?v=h' });
    expect(withPhotoLinks(already, link)).toBe(already);
    const organization = { resourceType: 'Organization', id: 'o', contained: [{ resourceType: 'Binary', id: 'b', contentType: 'image/png', data: PNG }] };
    expect(withPhotoLinks(organization, link)).toBe(organization);
  });
});
