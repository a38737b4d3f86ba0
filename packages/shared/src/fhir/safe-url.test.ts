import { describe, expect, it } from 'vitest';
import { safeHttpUrl } from './safe-url.js';

describe('safeHttpUrl', () => {
  it('keeps absolute http and https URLs', () => {
    expect(safeHttpUrl('https://boka.example/fjordvik?x=1')).toBe('https://boka.example/fjordvik?x=1');
    expect(safeHttpUrl(' http://clinic.example ')).toBe('http://clinic.example/');
  });

  it('refuses every other scheme, relative URLs and garbage, however they are spelled', () => {
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<b>x</b>', 'vbscript:x', 'mailto:a@b.example', '//evil.example/x', '/boka', 'not a url', '', 42, undefined]) {
      expect(safeHttpUrl(bad), String(bad)).toBeUndefined();
    }
  });
});
