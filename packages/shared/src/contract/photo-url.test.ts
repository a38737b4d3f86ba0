import { describe, expect, it } from 'vitest';
import { isSizablePhoto, photoUrl, sizedPhotoUrl } from './photo-url.js';

describe('photo URLs', () => {
  it('builds the BFF photo URL under a base with a path, the id encoded', () => {
    expect(photoUrl('https://clinic.example/booking', 'practitioner', 'pr:1 a', 'abc')).toBe('https://clinic.example/booking/photos/practitioner/pr%3A1%20a?v=abc');
  });

  it('adds the width to a BFF photo URL and keeps the version', () => {
    const url = photoUrl('http://localhost:4020', 'clinic', 'hs-1', 'abc');
    expect(sizedPhotoUrl(url, 64)).toBe('http://localhost:4020/photos/clinic/hs-1?v=abc&w=64');
    expect(sizedPhotoUrl(sizedPhotoUrl(url, 64), 128)).toBe('http://localhost:4020/photos/clinic/hs-1?v=abc&w=128');
    expect(isSizablePhoto(url)).toBe(true);
  });

  it('leaves data: URLs and images elsewhere as they are', () => {
    for (const photo of ['data:image/png;base64,iVBORw0KGgo=', 'https://cdn.example/team/anna.jpg', 'https://x.example/photos/clinic/a/b', 'http://[bad']) {
      expect(sizedPhotoUrl(photo, 128)).toBe(photo);
      expect(isSizablePhoto(photo)).toBe(false);
    }
  });
});
