/**
 * The `/teman` page: the widget in three brand looks, each made only with its documented
 * `--itb-*` custom properties (one look adds a `::part` rule, one uses the header and legal slots).
 * The page's stylesheet and the CSS shown for copying are written from the same data, so what the
 * page runs is what it shows. Each widget is named through its `strings` (assets/brand-looks.js). The looks' colour pairs meet WCAG AA (the demo site test runs axe on
 * the page).
 * @module
 */
import { esc, renderPage, widget } from './layout.js';

/** @typedef {{ id: string, name: string, label: string, text: string, attributes: Record<string, string | true>, tokens: Record<string, string>, extra?: string, children?: string }} Look */

/** @type {Look[]} */
export const LOOKS = [
  {
    id: 'lugn',
    name: 'Lugn blå klinik',
    label: 'Onlinebokning, lugn blå klinik',
    text: 'Ljus och luftig: en mjukt blåvit yta, mörkblå text, rundade hörn och sidans eget typsnitt.',
    attributes: {},
    tokens: {
      '--itb-color-primary': '#1c5aa6', '--itb-color-on-primary': '#ffffff', '--itb-color-text': '#132538',
      '--itb-color-muted': '#475a70', '--itb-color-surface': '#f7fafd', '--itb-color-surface-alt': '#e6eef7',
      '--itb-color-border': '#6a7d92', '--itb-color-accent': '#0d6b5e', '--itb-color-on-accent': '#ffffff',
      '--itb-color-link': '#1c5aa6', '--itb-color-focus': '#1c5aa6', '--itb-radius': '14px',
    },
  },
  {
    id: 'nordisk',
    name: 'Nordisk värme',
    label: 'Onlinebokning, nordisk värme',
    text: 'Varm och dämpad: gräddvit yta, terrakotta och granbarrsgrönt, ett serifftypsnitt, raka hörn. Kliniknamnet i sloten header och integritetstexten i sloten legal.',
    attributes: { clinic: 'goteborg-centrum' },
    tokens: {
      '--itb-font-family': 'Georgia, "Times New Roman", serif',
      '--itb-color-primary': '#963b1d', '--itb-color-on-primary': '#ffffff', '--itb-color-text': '#2b2119',
      '--itb-color-muted': '#5d4d40', '--itb-color-surface': '#fbf6ee', '--itb-color-surface-alt': '#f0e6d6',
      '--itb-color-border': '#85715f', '--itb-color-error': '#a3241a', '--itb-color-success': '#2f6b3c',
      '--itb-color-accent': '#2f5d50', '--itb-color-on-accent': '#ffffff', '--itb-color-link': '#8a3518',
      '--itb-color-focus': '#963b1d', '--itb-radius': '3px',
    },
    extra: `.look-nordisk-header { margin: 0; font: 600 1.15rem/1.3 Georgia, "Times New Roman", serif; color: #2f5d50; letter-spacing: .02em; }
.look-nordisk-legal { margin: 0; }`,
    children: `<p slot="header" class="look-nordisk-header">Fjordvik Tandvård Göteborg Centrum</p>
<p slot="legal" class="look-nordisk-legal">Vi behandlar dina uppgifter bara för bokningen. Läs <a href="/villkor">villkoren</a>.</p>`,
  },
  {
    id: 'kontrast',
    name: 'Hög kontrast, mörk',
    label: 'Onlinebokning, hög kontrast',
    text: 'theme="dark" med egna färger: svart yta, vit text, gul markering, inga rundade hörn och tjockare kanter på tider och dagar (en ::part-regel).',
    attributes: { theme: 'dark' },
    tokens: {
      '--itb-color-primary': '#ffd400', '--itb-color-on-primary': '#000000', '--itb-color-text': '#ffffff',
      '--itb-color-muted': '#d9d9d9', '--itb-color-surface': '#000000', '--itb-color-surface-alt': '#1c1c1c',
      '--itb-color-border': '#ffffff', '--itb-color-error': '#ff8f80', '--itb-color-success': '#5df08a',
      '--itb-color-accent': '#6ee7ff', '--itb-color-on-accent': '#000000', '--itb-color-link': '#ffd400',
      '--itb-color-focus': '#6ee7ff', '--itb-radius': '0',
    },
    extra: `itb-booking.look-kontrast::part(time-button),
itb-booking.look-kontrast::part(day) { border-width: 2px; }`,
  },
];

/** One look's CSS, as an agency would write it in its own stylesheet. */
export function lookCss(look) {
  const tokens = Object.entries(look.tokens).map(([name, value]) => `  ${name}: ${value};`).join('\n');
  return `itb-booking.look-${look.id} {\n${tokens}\n}${look.extra === undefined ? '' : `\n${look.extra}`}`;
}

function lookSection(look) {
  // data-label: each widget's own name (assets/brand-looks.js sets it through `strings`), so the page's three regions differ.
  const element = widget({ class: `look-${look.id}`, 'data-label': look.label, 'no-history': true, ...look.attributes })
    .replace('></itb-booking>', `>${look.children === undefined ? '' : `\n${look.children}\n`}</itb-booking>`);
  return `<section class="section${look.id === 'nordisk' ? ' alt' : ''}" aria-labelledby="look-${look.id}">
<div class="wrap">
<h2 id="look-${look.id}">${esc(look.name)}</h2>
<p class="section-intro">${esc(look.text)}</p>
<details class="look-css"><summary>CSS för ${esc(look.name.toLowerCase())}</summary>
<pre><code>${esc(lookCss(look))}</code></pre>
</details>
${element}
</div>
</section>`;
}

/** The page. */
export function brandLooks(site) {
  const body = `
<section class="section" aria-labelledby="looks-title">
<div class="wrap">
<h1 id="looks-title">Widgetens teman</h1>
<p class="lead">Samma bokningswidget i tre utseenden. Varje utseende är gjort med widgetens dokumenterade
CSS-egenskaper (<code>--itb-*</code>) på elementet – inget annat når in i widgeten, utom en <code>::part</code>-regel
i det sista. Attributet <code>theme</code> väljer ljust, mörkt eller systemets läge (<code>auto</code>).</p>
</div>
</section>
${LOOKS.map(lookSection).join('\n')}`;
  const head = `<script type="module" src="/assets/brand-looks.js"></script>\n<style>\n${LOOKS.map(lookCss).join('\n')}\n.look-css { margin: 0 0 1rem; }\n.look-css pre { overflow-x: auto; }\n</style>`;
  return { path: 'teman.html', html: renderPage({ lang: 'sv', path: '/teman', title: `Widgetens teman – ${site.chain.name}`, description: 'Bokningswidgeten i tre varumärkens utseende, gjorda med dess CSS-egenskaper.', chain: site.chain, head, body }) };
}
