/**
 * The page shell of the demo clinic site: head, skip link, header with navigation, footer. Each page
 * embeds the widget as an agency would: one script tag in the head and the element in the body.
 * @module
 */
import { readFileSync } from 'node:fs';

/**
 * The chain's mark, inline: a 400-byte drawing costs less in the page than its own request (whose
 * headers alone are as large), and it shows with the first paint. The favicon stays a file.
 */
const LOGO = readFileSync(new URL('../site/assets/logo.svg', import.meta.url), 'utf8').trim()
  .replace('<svg ', '<svg class="brand-mark" width="36" height="36" focusable="false" ')
  .replace(' role="img"', '');

/** Escape text for element content and double-quoted attributes. */
export function esc(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The one line an agency adds to the page head. */
export const WIDGET_SCRIPT = '<script type="module" src="/widget/itb-booking.js"></script>';

/** The chain's booking terms, which the widget's terms checkbox links to (ITB carries no terms). */
export const TERMS_PATH = '/villkor';

/** `<itb-booking …>` with the given attributes (undefined ones left out, `true` as a bare boolean attribute). */
export function widget(attributes) {
  const attrs = Object.entries({ bff: '/booking-api', 'terms-url': TERMS_PATH, ...attributes })
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${esc(value)}"`))
    .join('');
  return `<itb-booking${attrs}></itb-booking>`;
}

export const STRINGS = {
  sv: {
    skip: 'Hoppa till innehållet',
    navLabel: 'Huvudmeny',
    nav: [['/', 'Boka tid'], ['/kliniker/', 'Våra kliniker'], ['/kampanj', 'Vårerbjudande'], ['/mina-bokningar', 'Mina bokningar'], ['/en/', 'English']],
    tagline: 'Tandvård i Sverige och Norge',
    footerContact: 'Kontakt',
    footerLinks: 'Genvägar',
    fine: 'Detta är en påhittad tandvårdskedja på en demosajt. Alla kliniker, behandlare och testpersoner är fiktiva.',
  },
  nb: {
    skip: 'Hopp til innholdet',
    navLabel: 'Hovedmeny',
    nav: [['/', 'Bestill time'], ['/kliniker/', 'Våre klinikker'], ['/kampanj', 'Vårtilbud'], ['/mina-bokningar', 'Mine bestillinger'], ['/en/', 'English']],
    tagline: 'Tannhelse i Sverige og Norge',
    footerContact: 'Kontakt',
    footerLinks: 'Snarveier',
    fine: 'Dette er en oppdiktet tannklinikkjede på et demonettsted. Alle klinikker, behandlere og testpersoner er fiktive.',
  },
  en: {
    skip: 'Skip to content',
    navLabel: 'Main menu',
    nav: [['/en/', 'Book'], ['/kliniker/', 'Our clinics'], ['/kampanj', 'Spring offer'], ['/en/my-bookings', 'My bookings'], ['/', 'Svenska']],
    tagline: 'Dental care in Sweden and Norway',
    footerContact: 'Contact',
    footerLinks: 'Shortcuts',
    fine: 'This is a fictional dental chain on a demo site. Every clinic, practitioner and test person is made up.',
  },
};

/**
 * A whole page.
 * @param {{ lang: 'sv' | 'nb' | 'en', path: string, title: string, description: string, chain: { name: string, phone: string, email: string }, body: string, current?: string, head?: string }} page
 */
export function renderPage(page) {
  const t = STRINGS[page.lang];
  const current = page.current ?? page.path;
  const nav = t.nav.map(([href, label]) => {
    const here = href === current ? ' aria-current="page"' : '';
    const lang = href === '/en/' && page.lang !== 'en' ? ' lang="en" hreflang="en"' : href === '/' && page.lang === 'en' ? ' lang="sv" hreflang="sv"' : '';
    return `<li><a href="${esc(href)}"${here}${lang}>${esc(label)}</a></li>`;
  }).join('');
  return `<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(page.title)}</title>
<meta name="description" content="${esc(page.description)}">
<link rel="icon" href="/assets/logo.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/site.css">
${page.head === undefined ? '' : `${page.head}\n`}${WIDGET_SCRIPT}
</head>
<body>
<a class="skip-link" href="#main">${esc(t.skip)}</a>
<header class="site-header">
<div class="wrap">
<a class="brand" href="${page.lang === 'en' ? '/en/' : '/'}">${LOGO}<span>${esc(page.chain.name)}<small>${esc(t.tagline)}</small></span></a>
<nav class="site-nav" aria-label="${esc(t.navLabel)}"><ul>${nav}</ul></nav>
</div>
</header>
<main id="main" tabindex="-1">
${page.body}
</main>
<footer class="site-footer">
<div class="wrap">
<section aria-labelledby="footer-contact"><h2 id="footer-contact">${esc(t.footerContact)}</h2>
<ul><li>${esc(page.chain.name)}</li><li><a href="tel:${esc(page.chain.phone.replace(/\s/g, ''))}">${esc(page.chain.phone)}</a></li><li><a href="mailto:${esc(page.chain.email)}">${esc(page.chain.email)}</a></li></ul></section>
<section aria-labelledby="footer-links"><h2 id="footer-links">${esc(t.footerLinks)}</h2>
<ul>${t.nav.map(([href, label]) => `<li><a href="${esc(href)}">${esc(label)}</a></li>`).join('')}<li><a href="/cross-site.html" lang="en">Cross-site embedding</a></li><li><a href="/teman"${page.lang === 'sv' ? '' : ' lang="sv"'}>Widgetens teman</a></li></ul></section>
<p class="fine">${esc(t.fine)}</p>
</div>
</footer>
</body>
</html>
`;
}
