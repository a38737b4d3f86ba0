import { describe, expect, it } from 'vitest';
import { contactWay, needsTheClinic } from './contact-way.js';

describe('contactWay', () => {
  it('calls the clinic when it has a phone number: tel: with + and digits only', () => {
    expect(contactWay({ phone: ' +46 8-123 450 01 ', email: 'a@b.se' })).toEqual({ kind: 'call', href: 'tel:+46812345001', text: '+46 8-123 450 01' });
    expect(contactWay({ phone: '08-123 450 01' })?.href).toBe('tel:0812345001');
  });

  it('falls back to a checked e-mail address, then an http(s) web site, then nothing', () => {
    expect(contactWay({ phone: 'n/a', email: 'city@fjordvik.example' })).toEqual({ kind: 'email', href: 'mailto:city@fjordvik.example', text: 'city@fjordvik.example' });
    expect(contactWay({ email: 'not an address', website: 'https://fjordvik.example/kontakt' })).toEqual({ kind: 'web', href: 'https://fjordvik.example/kontakt', text: 'fjordvik.example' });
    expect(contactWay({ website: 'javascript:alert(1)' })).toBeUndefined();
    expect(contactWay({})).toBeUndefined();
    expect(contactWay(undefined)).toBeUndefined();
  });
});

describe('needsTheClinic', () => {
  it('is true for rule refusals and false for what a retry or another choice fixes', () => {
    expect(needsTheClinic('cancel-window-passed')).toBe(true);
    expect(needsTheClinic('rescheduling-not-allowed')).toBe(true);
    expect(needsTheClinic('slot-taken')).toBe(false);
    expect(needsTheClinic('network')).toBe(false);
  });
});
