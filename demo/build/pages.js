/**
 * The pages of the demo clinic site. Each returns `{ path, html }`; `generate.js` writes them.
 * @module
 */
import { brandLooks } from './brand-looks.js';
import { esc, renderPage, widget } from './layout.js';

// Lazy: the art is hidden on phones (site.css), where a lazy image that is not displayed is never fetched.
const HERO_ART = '<img class="hero-art" src="/assets/hero.svg" alt="" width="320" height="260" loading="lazy">';

function clinicCards(clinics, lang) {
  const label = { sv: 'Boka här', nb: 'Bestill her', en: 'Book here' }[lang];
  return `<ul class="clinic-grid">${clinics.map((c) => `<li><article class="clinic-card">
<span class="tag">${esc(c.city)}</span>
<h3><a href="/kliniker/${esc(c.urlPlaceholder)}">${esc(c.name)}</a></h3>
<p>${esc(c.address)}</p>
<p class="visually-hidden">${esc(label)}</p>
</article></li>`).join('')}</ul>`;
}

function home(site) {
  const body = `
<section class="hero" aria-labelledby="hero-title">
<div class="wrap">
<div>
<span class="eyebrow">Boka tid online</span>
<h1 id="hero-title">Ett friskare leende, ${esc(site.clinics.length)} kliniker nära dig</h1>
<p class="lead">Välj klinik och behandling, se lediga tider direkt och boka med BankID. Du får en bekräftelse via sms.</p>
<div class="actions"><a class="button" href="#boka">Boka tid nu</a><a class="button secondary" href="/?campaign=SPRING26#boka">Vårerbjudande: kod SPRING26</a></div>
<ul class="facts"><li>Lediga tider i realtid</li><li>Omboka och avboka själv</li><li>Kvällstider</li></ul>
</div>
${HERO_ART}
</div>
</section>
<section class="section" id="boka" aria-labelledby="book-title">
<div class="wrap">
<h2 id="book-title">Boka tid</h2>
<p class="section-intro">Börja med kliniken eller med behandlingen – du väljer ordningen.</p>
<div class="booking-card">${widget({ 'campaign-from-url': true })}</div>
</div>
</section>
<section class="section alt" aria-labelledby="clinics-title">
<div class="wrap">
<h2 id="clinics-title">Våra kliniker</h2>
<p class="section-intro">Varje klinik har sin egen sida där du bokar direkt hos just den kliniken.</p>
${clinicCards(site.clinics, 'sv')}
</div>
</section>`;
  return { path: 'index.html', html: renderPage({ lang: 'sv', path: '/', title: `Boka tid – ${site.chain.name}`, description: 'Boka tandvård online hos en klinik nära dig.', chain: site.chain, body }) };
}

function englishHome(site) {
  const body = `
<section class="hero" aria-labelledby="hero-title">
<div class="wrap">
<div>
<span class="eyebrow">Book online</span>
<h1 id="hero-title">A healthier smile, ${esc(site.clinics.length)} clinics near you</h1>
<p class="lead">Choose a clinic and a treatment, see free times right away and book with BankID. You get a confirmation by text message.</p>
<div class="actions"><a class="button" href="#book">Book now</a><a class="button secondary" href="/en/?campaign=SPRING26#book">Spring offer: code SPRING26</a></div>
</div>
${HERO_ART}
</div>
</section>
<section class="section" id="book" aria-labelledby="book-title">
<div class="wrap">
<h2 id="book-title">Book an appointment</h2>
<p class="section-intro">This page is in English, so the booking widget follows the page language.</p>
<div class="booking-card">${widget({ 'campaign-from-url': true })}</div>
</div>
</section>
<section class="section alt" aria-labelledby="clinics-title">
<div class="wrap">
<h2 id="clinics-title">Our clinics</h2>
${clinicCards(site.clinics, 'en')}
</div>
</section>`;
  return { path: 'en/index.html', html: renderPage({ lang: 'en', path: '/en/', title: `Book an appointment – ${site.chain.name}`, description: 'Book dental care online at a clinic near you.', chain: site.chain, body }) };
}

function clinicList(site) {
  const body = `
<section class="section" aria-labelledby="clinics-title">
<div class="wrap">
<h1 id="clinics-title">Våra kliniker</h1>
<p class="section-intro">Välj en klinik för att se dess behandlingar och boka tid.</p>
${clinicCards(site.clinics, 'sv')}
</div>
</section>`;
  return { path: 'kliniker/index.html', html: renderPage({ lang: 'sv', path: '/kliniker/', title: `Våra kliniker – ${site.chain.name}`, description: 'Alla våra kliniker i Sverige och Norge.', chain: site.chain, body }) };
}

const CLINIC_TEXT = {
  sv: { book: 'Boka tid på', address: 'Adress', area: 'Område', phone: 'Telefon', intro: 'Här bokar du direkt hos oss – kliniken är redan vald.', back: 'Alla kliniker' },
  nb: { book: 'Bestill time hos', address: 'Adresse', area: 'Område', phone: 'Telefon', intro: 'Her bestiller du direkte hos oss – klinikken er allerede valgt.', back: 'Alle klinikker' },
};

function clinicPage(site, clinic) {
  const lang = clinic.country === 'NO' ? 'nb' : 'sv';
  const t = CLINIC_TEXT[lang];
  const body = `
<section class="hero" aria-labelledby="clinic-title">
<div class="wrap">
<div>
<span class="eyebrow">${esc(clinic.city)}</span>
<h1 id="clinic-title">${esc(clinic.name)}</h1>
<p class="lead">${esc(clinic.description)}</p>
<p><a href="/kliniker/">← ${esc(t.back)}</a></p>
</div>
<dl class="clinic-facts">
<div><dt>${esc(t.address)}</dt><dd>${esc(clinic.address)}</dd></div>
<div><dt>${esc(t.area)}</dt><dd>${esc(clinic.area)}</dd></div>
<div><dt>${esc(t.phone)}</dt><dd><a href="tel:${esc(clinic.phone.replace(/\s/g, ''))}">${esc(clinic.phone)}</a></dd></div>
</dl>
</div>
</section>
<section class="section" aria-labelledby="book-title">
<div class="wrap">
<h2 id="book-title">${esc(t.book)} ${esc(clinic.name)}</h2>
<p class="section-intro">${esc(t.intro)}</p>
<div class="booking-card">${widget({ clinic: clinic.urlPlaceholder })}</div>
</div>
</section>`;
  return {
    path: `kliniker/${clinic.urlPlaceholder}.html`,
    html: renderPage({ lang, path: `/kliniker/${clinic.urlPlaceholder}`, current: '/kliniker/', title: `${clinic.name} – ${site.chain.name}`, description: `${clinic.name}, ${clinic.address}.`, chain: site.chain, body }),
  };
}

function myBookings(site, lang) {
  const sv = lang === 'sv';
  const body = `
<section class="section" aria-labelledby="mine-title">
<div class="wrap">
<h1 id="mine-title">${sv ? 'Mina bokningar' : 'My bookings'}</h1>
<p class="section-intro">${sv
    ? 'Logga in med BankID för att se dina kommande och tidigare besök. Du kan omboka eller avboka så länge klinikens regler tillåter det.'
    : 'Sign in with BankID to see your upcoming and past visits. You can reschedule or cancel as long as the clinic’s rules allow it.'}</p>
<div class="booking-card">${widget({ view: 'my-bookings' })}</div>
</div>
</section>`;
  const path = sv ? '/mina-bokningar' : '/en/my-bookings';
  return {
    path: sv ? 'mina-bokningar.html' : 'en/my-bookings.html',
    html: renderPage({ lang, path, title: `${sv ? 'Mina bokningar' : 'My bookings'} – ${site.chain.name}`, description: sv ? 'Se, omboka och avboka dina tider.' : 'See, reschedule and cancel your appointments.', chain: site.chain, body }),
  };
}

function campaign(site) {
  const body = `
<section class="hero" aria-labelledby="campaign-title">
<div class="wrap">
<div>
<span class="eyebrow">Vårerbjudande</span>
<h1 id="campaign-title">Vårkoll för 995 kr</h1>
<p class="lead">Undersökning och tandhygienistens puts i ett och samma besök, till kampanjpris. Boka online med kampanjkoden <strong>SPRING26</strong> – koden är redan ifylld nedan.</p>
<p>Dela gärna länken: <a href="/?campaign=SPRING26#boka">${esc(site.chain.domain)}/?campaign=SPRING26</a></p>
</div>
${HERO_ART}
</div>
</section>
<section class="section" aria-labelledby="book-title">
<div class="wrap">
<h2 id="book-title">Boka med kampanjkod</h2>
<div class="booking-card">${widget({ campaign: 'SPRING26' })}</div>
</div>
</section>`;
  return { path: 'kampanj.html', html: renderPage({ lang: 'sv', path: '/kampanj', title: `Vårerbjudande – ${site.chain.name}`, description: 'Vårkoll: undersökning och puts i ett besök för 995 kr när du bokar online.', chain: site.chain, body }) };
}

function terms(site) {
  const body = `
<section class="section" aria-labelledby="terms-title">
<div class="wrap">
<h1 id="terms-title">Boknings- och avbokningsvillkor</h1>
<p>Du bokar en tid för dig själv med BankID. Bekräftelsen kommer med sms om du valt det, och alltid i din bokningslista under <a href="/mina-bokningar">Mina bokningar</a>.</p>
<p>Du kan avboka eller flytta tiden online fram till den gräns kliniken anger i bekräftelsen; därefter ringer du kliniken. Uteblivet besök utan avbokning kan debiteras enligt klinikens prislista.</p>
<p>Dina uppgifter används bara för bokningen och den vård du bokar. Detta är en demosajt: villkoren är påhittade.</p>
</div>
</section>`;
  return { path: 'villkor.html', html: renderPage({ lang: 'sv', path: '/villkor', title: `Villkor – ${site.chain.name}`, description: 'Boknings- och avbokningsvillkor.', chain: site.chain, body }) };
}

function notFound(site) {
  const body = `
<section class="section" aria-labelledby="nf-title">
<div class="wrap">
<h1 id="nf-title">Sidan finns inte</h1>
<p>Adressen kan vara fel eller sidan flyttad. <a href="/">Till startsidan och bokningen</a>.</p>
</div>
</section>`;
  return { path: '404.html', html: renderPage({ lang: 'sv', path: '/404', title: `Sidan finns inte – ${site.chain.name}`, description: 'Sidan finns inte.', chain: site.chain, body }) };
}

function crossSite(site) {
  const body = `
<section class="section" aria-labelledby="xs-title">
<div class="wrap">
<h1 id="xs-title">Cross-site embedding</h1>
<p class="lead">Open this page at <a href="http://127.0.0.1:4030/cross-site.html">http://127.0.0.1:4030/cross-site.html</a>.
To the browser <code>127.0.0.1</code> and <code>localhost</code> are two different sites, so the widget below is
embedded <strong>cross-site</strong>: the page comes from one site and the booking service (the BFF, at
<code>http://localhost:4030/booking-api</code>) from another – like a clinic page on <code>www.clinic.example</code>
using a BFF on <code>booking.partner.example</code>.</p>
<div class="notice info">
<h2>What works here</h2>
<p>Browsing: clinics, treatments, practitioners and free times. These requests need no cookie, and the BFF
answers this page because its origin is on the BFF's allowlist (<code>ITB_ALLOWED_ORIGINS</code>).</p>
</div>
<div class="notice" id="blocked">
<h2>What the browser blocks, and why</h2>
<p>In this demo's default set-up, signing in – and with it booking and “My bookings” – does not reach the widget
on this page. The sign-in itself succeeds, but:</p>
<ul>
<li><strong>Same-site cookie mode (the default).</strong> The patient's session is an HTTP-only cookie of
<code>localhost</code> with <code>SameSite=Lax</code>. Browsers do not send such a cookie with requests that
another site's page makes, so the widget here stays signed out.</li>
<li>Ordinary third-party cookies (<code>SameSite=None</code> without <code>Partitioned</code>) are blocked by
Safari, Firefox and Chrome's incognito mode, and increasingly by default.</li>
</ul>
<h2>The BFF's cross-site mode: partitioned cookies and a login hand-off</h2>
<p>Start the demo with <code>ITB_COOKIE_MODE=cross-site npm start</code> and sign-in works on this page too. In that
mode the session cookie is <code>SameSite=None; Secure; Partitioned</code> (HTTPS is required on both sites in
production; browsers make an exception for loopback hosts). A partitioned cookie is filed under the top-level site
of the page whose request set it, and the sign-in runs in a popup on the BFF's own site (BankID pages cannot be
framed), so the BFF does not set the cookie there. Instead it hands the new session to the widget: a sealed,
one-time hand-off valid for 60 seconds, bound to a secret only this page's widget holds. The widget posts it
back to <code>/auth/session/claim</code> from this page, and the cookie set in that answer lands in this page's
partition. Chromium supports partitioned cookies (CHIPS); other browsers' support varies.</p>
<p><strong>Prefer deploying the BFF same-site with the clinic's pages</strong>, either under a path of the clinic's own domain (as on
<a href="http://localhost:4030/">localhost:4030</a>, where the BFF is <code>/booking-api</code>) or on a subdomain such as
<code>booking.clinic.example</code>. Then the session cookie is first-party and works in every browser.</p>
</div>
<h2 id="xs-widget">The widget, embedded cross-site</h2>
<pre><code>&lt;script type="module" src="/widget/itb-booking.js"&gt;&lt;/script&gt;
&lt;itb-booking bff="http://localhost:4030/booking-api" locale="en"&gt;&lt;/itb-booking&gt;</code></pre>
<div class="booking-card">${widget({ bff: 'http://localhost:4030/booking-api', locale: 'en' })}</div>
</div>
</section>`;
  return { path: 'cross-site.html', html: renderPage({ lang: 'en', path: '/cross-site.html', title: `Cross-site embedding – ${site.chain.name}`, description: 'The booking widget embedded from another site, and what browsers block.', chain: site.chain, body }) };
}

/** Every page of the site. */
export function allPages(site) {
  return [
    home(site),
    englishHome(site),
    clinicList(site),
    ...site.clinics.map((clinic) => clinicPage(site, clinic)),
    myBookings(site, 'sv'),
    myBookings(site, 'en'),
    campaign(site),
    crossSite(site),
    brandLooks(site),
    terms(site),
    notFound(site),
  ];
}
