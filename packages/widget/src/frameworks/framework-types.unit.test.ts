import { describe, expect, it } from 'vitest';

type Generate = (manifest: unknown) => Record<'jsx.d.ts' | 'vue.d.ts' | 'svelte.d.ts', string>;
// scripts/ is plain JavaScript run by Node; its one export is typed here.
const GENERATOR = new URL('../../scripts/framework-types.js', import.meta.url).href;
const { generate } = (await import(GENERATOR)) as { generate: Generate };

/** A manifest as the analyzer writes it: the entry's exports, a public element and an internal step. */
function manifest(events: unknown[] = [{ name: 'itb-booked', description: '{ItbBookedEvent} A booking was made.' }]) {
  return {
    schemaVersion: '1.0.0',
    modules: [
      { kind: 'javascript-module', path: 'src/index.ts', exports: ['ItbBooking', 'ItbBookedEvent', 'ItbOpenEvent', 'ItbTimeStep'].map((name) => ({ kind: 'js', name })) },
      {
        kind: 'javascript-module', path: 'src/itb-booking/itb-booking.ts',
        declarations: [{
          kind: 'class', name: 'ItbBooking', tagName: 'itb-booking', customElement: true, summary: 'The journey.',
          attributes: [
            { name: 'terms-url', fieldName: 'termsUrl', type: { text: 'string | undefined' }, description: 'Terms.' },
            { name: 'no-history', fieldName: 'noHistory', type: { text: 'boolean' } },
            { name: 'theme', fieldName: 'theme', type: { text: "'auto' | 'light' | 'dark' | undefined" } },
            { name: 'mode', fieldName: 'mode', type: { text: 'EmbedModeName | undefined' } },
          ],
          members: [
            { kind: 'field', name: 'termsUrl', attribute: 'terms-url' },
            { kind: 'field', name: 'strings', type: { text: 'Partial<Translation> | undefined' } },
            { kind: 'field', name: 'controller', privacy: 'private' },
            { kind: 'method', name: 'open' },
          ],
          events,
        }],
      },
      {
        kind: 'javascript-module', path: 'src/steps/itb-time-step/itb-time-step.ts',
        declarations: [{ kind: 'class', name: 'ItbTimeStep', tagName: 'itb-time-step', customElement: true }],
      },
    ],
  };
}

describe('framework type declarations from the manifest', () => {
  it('types attributes as the element takes them: kebab-case names, literal unions kept, aliases read from the class', () => {
    const { 'jsx.d.ts': jsx, 'svelte.d.ts': svelte } = generate(manifest());
    for (const text of [jsx, svelte]) {
      expect(text).toContain("'terms-url'?: string;");
      expect(text).toContain("'no-history'?: boolean;");
      expect(text).toContain("'theme'?: 'auto' | 'light' | 'dark';");
      expect(text).toContain("'mode'?: NonNullable<ItbBooking['mode']>;");
      // A property without an attribute, by its property name; private members and methods left out.
      expect(text).toContain("'strings'?: NonNullable<ItbBooking['strings']>;");
      expect(text).not.toMatch(/controller|'open'/);
    }
  });

  it('names event handlers as each framework writes them, typed with the event class', () => {
    const out = generate(manifest());
    expect(out['jsx.d.ts']).toContain("'onitb-booked'?: (event: ItbBookedEvent) => void;");
    expect(out['vue.d.ts']).toContain("'onItbBooked'?: (event: ItbBookedEvent) => void;");
    expect(out['svelte.d.ts']).toContain("'onitb-booked'?: (event: ItbBookedEvent) => void;");
    expect(out['svelte.d.ts']).toContain("'on:itb-booked'?: (event: ItbBookedEvent) => void;");
    // The analyzer's own form, `@fires {Type} name`, is read too.
    const typed = generate(manifest([{ name: 'itb-open', type: { text: 'ItbOpenEvent' }, description: 'Opened.' }]));
    expect(typed['jsx.d.ts']).toContain("'onitb-open'?: (event: ItbOpenEvent) => void;");
  });

  it('camelizes attribute names for Vue, which does so to every attribute on a component', () => {
    const vue = generate(manifest())['vue.d.ts'];
    expect(vue).toContain("'termsUrl'?: string;");
    expect(vue).toContain("'noHistory'?: boolean;");
    expect(vue).not.toContain("'terms-url'");
    // The element takes every HTML attribute and DOM listener too (`id`, `aria-label`, `@click`).
    expect(vue).toContain('export interface ItbBookingVueProps extends HTMLAttributes {');
    expect(vue).toMatch(/declare module 'vue' \{\n {2}interface GlobalComponents \{\n[\s\S]*'itb-booking': DefineComponent<ItbBookingVueProps>;/);
  });

  it('registers each public element in React 19’s JSX, the global JSX and Svelte’s, and leaves out the internal steps', () => {
    const out = generate(manifest());
    expect(out['jsx.d.ts']).toMatch(/declare module 'react' \{\n {2}namespace JSX \{\n {4}interface IntrinsicElements \{\n[\s\S]*'itb-booking': ItbBookingJsxProps & DetailedHTMLProps<HTMLAttributes<ItbBooking>, ItbBooking>;/);
    expect(out['jsx.d.ts']).toMatch(/declare global \{\n {2}namespace JSX \{[\s\S]*'itb-booking': ItbBookingJsxProps & JsxBaseAttributes;/);
    expect(out['svelte.d.ts']).toMatch(/declare global \{\n {2}namespace svelteHTML \{[\s\S]*'itb-booking': ItbBookingSvelteProps;/);
    for (const text of Object.values(out)) {
      expect(text).not.toContain('itb-time-step');
      expect(text).toContain("import type { ItbBookedEvent, ItbBooking } from '@itb/widget';");
    }
  });

  it('refuses an event whose class the package does not export, since pages could not name its type', () => {
    expect(() => generate(manifest([{ name: 'itb-secret', description: '{ItbSecretEvent} Hidden.' }]))).toThrow(/itb-secret: its event class ItbSecretEvent is not exported/);
  });
});
