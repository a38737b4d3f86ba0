/**
 * The chain's treatments (ActivityDefinitions). Durations drive slot lengths; prices are display
 * strings as ITB sends them. `ad-spring-check-45` carries the campaign code SPRING26 (ext-campaigns);
 * `ad-implant-consult-30` and `ad-bridge-consult-30` are missing from the live offers context (their
 * offers must resolve them: the implant through a Swedish `$find` bookingUrl, the bridge not at all).
 * @module
 */
import type { SeedTreatment } from './types.js';

export const TREATMENTS: readonly SeedTreatment[] = [
  {
    id: 'ad-acute-30', code: 'akut', title: 'Akut tandvård', subtitle: 'Värk, skada eller svullnad',
    description: 'Akut besök vid tandvärk, trasig tand eller svullnad.', durationMinutes: 30, sortKey: 0,
    price: { SE: 'från 650 kr', NO: 'fra 750,-' },
  },
  {
    id: 'ad-examination-30', code: 'undersokning', title: 'Undersökning', subtitle: 'Basundersökning med röntgen',
    description: 'Undersökning av tänder och tandkött, röntgen vid behov.', durationMinutes: 30, sortKey: 1,
    price: { SE: 'från 895 kr', NO: 'fra 990,-' },
  },
  {
    id: 'ad-hygiene-45', code: 'hyg45', title: 'Tandhygienistbesök',
    description: 'Rengöring, polering och råd om munhygien.', durationMinutes: 45, sortKey: 2,
    price: { SE: 'från 1 095 kr', NO: 'fra 1 190,-' },
  },
  {
    id: 'ad-child-exam-30', code: 'barn', title: 'Barnundersökning',
    description: 'Undersökning för barn och unga.', durationMinutes: 30, sortKey: 3,
    price: { SE: '0 kr (barn och unga)', NO: '0,- (barn under 18)' },
  },
  {
    id: 'ad-filling-60', code: 'lagning', title: 'Lagning',
    description: 'Lagning av hål med tandfärgat material.', durationMinutes: 60, sortKey: 4,
    price: { SE: 'från 1 250 kr', NO: 'fra 1 450,-' },
  },
  {
    id: 'ad-spring-check-45', code: 'varkoll', title: 'Vårkoll: undersökning och puts', subtitle: 'Kampanj',
    description: 'Undersökning och tandhygienistens puts i ett besök, till kampanjpris.', durationMinutes: 45, sortKey: 5,
    price: { SE: '995 kr (kampanj)', NO: '995,- (kampanje)' }, campaigns: ['SPRING26'],
  },
  {
    id: 'ad-whitening-60', code: 'blekning', title: 'Tandblekning',
    description: 'Blekning på kliniken med skena för hemmabruk.', durationMinutes: 60, sortKey: 6,
    price: { SE: '3 995 kr', NO: '4 490,-' },
  },
  {
    id: 'ad-invisalign-30', code: 'invisalign', title: 'Invisalign-konsultation',
    description: 'Konsultation om tandreglering med genomskinliga skenor.', durationMinutes: 30, sortKey: 7,
    price: { SE: '495 kr', NO: 'fra 500,-' },
  },
  {
    id: 'ad-root-canal-90', code: 'rotfyllning', title: 'Rotbehandling',
    description: 'Rotbehandling hos specialist eller allmäntandläkare.', durationMinutes: 90, sortKey: 8,
    price: { SE: 'från 3 200 kr', NO: 'fra 3 900,-' },
  },
  {
    id: 'ad-implant-consult-30', code: 'implantat', title: 'Implantatkonsultation',
    description: 'Konsultation inför tandimplantat.', durationMinutes: 30, sortKey: 9,
    price: { SE: '695 kr', NO: 'fra 750,-' }, unlisted: true,
  },
  {
    id: 'ad-bridge-consult-30', code: 'bro', title: 'Brokonsultation',
    description: 'Konsultation inför bro eller krona.', durationMinutes: 30, sortKey: 10,
    price: { SE: '695 kr', NO: 'fra 750,-' }, unlisted: true,
  },
];
