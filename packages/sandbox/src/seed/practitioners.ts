/**
 * Practitioner roles: one per practitioner and clinic (spec §1). Four people work at two clinics,
 * on different weekdays, so the same person never has two bookable times at once.
 * Silje Moen's PMS connection is offline: her offers carry isOnline = false and a reason.
 * @module
 */
import type { SeedPractitioner } from './types.js';

const GENERAL = ['ad-examination-30', 'ad-acute-30', 'ad-filling-60'] as const;

export const PRACTITIONERS: readonly SeedPractitioner[] = [
  // Stockholm City
  {
    roleId: 'pr-anna-berg-sto', sourceKey: '8812', givenName: 'Anna', familyName: 'Berg', role: 'dentist', clinicId: 'hs-stockholm-city',
    treatments: ['ad-implant-consult-30', ...GENERAL, 'ad-root-canal-90', 'ad-whitening-60', 'ad-spring-check-45'], days: [1, 3, 5], start: '08:00', end: '17:00', lunch: ['12:00', '13:00'], chair: 1,
    description: 'Allmäntandläkare med särskilt intresse för tandvårdsrädda patienter.',
  },
  {
    roleId: 'pr-elin-holm-sto', sourceKey: '8813', givenName: 'Elin', familyName: 'Holm', role: 'hygienist', clinicId: 'hs-stockholm-city',
    treatments: ['ad-hygiene-45', 'ad-spring-check-45', 'ad-whitening-60'], days: [1, 2, 3, 4], start: '07:30', end: '16:00', lunch: ['11:30', '12:15'], chair: 2,
    description: 'Tandhygienist sedan 2012. Tålamod och mjuka händer.',
  },
  {
    roleId: 'pr-johan-ek-sto', sourceKey: '8814', givenName: 'Johan', familyName: 'Ek', role: 'orthodontist', clinicId: 'hs-stockholm-city',
    treatments: ['ad-invisalign-30', 'ad-examination-30', 'ad-child-exam-30'], days: [2, 4], start: '09:00', end: '18:00', lunch: ['12:30', '13:15'], chair: 3,
    description: 'Specialist i ortodonti, arbetar med Invisalign och fast tandreglering.',
  },
  // Södermalm
  {
    roleId: 'pr-anna-berg-sod', sourceKey: '2201', givenName: 'Anna', familyName: 'Berg', role: 'dentist', clinicId: 'hs-stockholm-sodermalm',
    treatments: [...GENERAL], days: [2, 4], start: '08:00', end: '17:00', lunch: ['12:00', '13:00'], chair: 1,
    description: 'Allmäntandläkare med särskilt intresse för tandvårdsrädda patienter.',
  },
  {
    roleId: 'pr-sara-nilsson-sod', sourceKey: '2202', givenName: 'Sara', familyName: 'Nilsson', role: 'dentist', clinicId: 'hs-stockholm-sodermalm',
    treatments: [...GENERAL, 'ad-child-exam-30', 'ad-spring-check-45'], days: [1, 2, 3, 4, 5], start: '08:00', end: '16:00', lunch: ['12:00', '12:45'], chair: 2,
    description: 'Barn- och familjetandläkare.',
  },
  {
    roleId: 'pr-mikael-lund-sod', sourceKey: '2203', givenName: 'Mikael', familyName: 'Lund', role: 'hygienist', clinicId: 'hs-stockholm-sodermalm',
    treatments: ['ad-hygiene-45', 'ad-spring-check-45'], days: [1, 2, 3], start: '09:00', end: '18:00', lunch: ['13:00', '13:45'], chair: 3,
    description: 'Tandhygienist med fokus på förebyggande vård.',
  },
  // Göteborg Centrum
  {
    roleId: 'pr-karin-dahl-got', sourceKey: '4401', givenName: 'Karin', familyName: 'Dahl', role: 'dentist', clinicId: 'hs-goteborg-centrum',
    treatments: [...GENERAL, 'ad-root-canal-90', 'ad-whitening-60'], days: [1, 2, 3, 4], start: '08:00', end: '17:00', lunch: ['12:00', '13:00'], chair: 1,
    description: 'Allmäntandläkare, estetisk tandvård.',
  },
  {
    roleId: 'pr-ali-hassan-got', sourceKey: '4402', givenName: 'Ali', familyName: 'Hassan', role: 'endodontist', clinicId: 'hs-goteborg-centrum',
    treatments: ['ad-root-canal-90', 'ad-acute-30'], days: [3, 4, 5], start: '08:30', end: '16:30', lunch: ['12:00', '12:30'], chair: 2,
    description: 'Specialist i endodonti (rotbehandlingar).',
  },
  {
    roleId: 'pr-lisa-strom-got', sourceKey: '4403', givenName: 'Lisa', familyName: 'Ström', role: 'hygienist', clinicId: 'hs-goteborg-centrum',
    treatments: ['ad-hygiene-45', 'ad-spring-check-45'], days: [1, 2, 3, 4, 5], start: '08:00', end: '15:00', lunch: ['11:30', '12:00'], chair: 3,
    description: 'Tandhygienist, talar svenska och engelska.',
  },
  // Hisingen (external booking)
  {
    roleId: 'pr-peter-sjoberg-his', sourceKey: '5501', givenName: 'Peter', familyName: 'Sjöberg', role: 'dentist', clinicId: 'hs-goteborg-hisingen',
    treatments: [...GENERAL, 'ad-child-exam-30'], days: [1, 2, 3, 4, 5], start: '08:00', end: '16:00', lunch: ['12:00', '12:30'], chair: 1,
    description: 'Allmäntandläkare.',
  },
  {
    roleId: 'pr-ali-hassan-his', sourceKey: '5502', givenName: 'Ali', familyName: 'Hassan', role: 'endodontist', clinicId: 'hs-goteborg-hisingen',
    treatments: ['ad-root-canal-90'], days: [1, 2], start: '08:30', end: '16:30', lunch: ['12:00', '12:30'], chair: 2,
    description: 'Specialist i endodonti (rotbehandlingar).',
  },
  // Oslo Sentrum
  {
    roleId: 'pr-ingrid-solberg-osl', sourceKey: '7701', givenName: 'Ingrid', familyName: 'Solberg', role: 'dentist', clinicId: 'hs-oslo-sentrum',
    treatments: ['ad-implant-consult-30', 'ad-bridge-consult-30', ...GENERAL, 'ad-whitening-60'], days: [1, 2, 3], start: '08:00', end: '16:00', lunch: ['11:30', '12:00'], chair: 1,
    description: 'Tannlege med lang erfaring og rolig tempo.',
  },
  {
    roleId: 'pr-henrik-bakke-osl', sourceKey: '7702', givenName: 'Henrik', familyName: 'Bakke', role: 'hygienist', clinicId: 'hs-oslo-sentrum',
    treatments: ['ad-hygiene-45', 'ad-spring-check-45', 'ad-child-exam-30'], days: [1, 3, 4], start: '08:00', end: '16:00', lunch: ['11:30', '12:00'], chair: 2,
    description: 'Tannpleier, glad i barn og engstelige pasienter.',
  },
  {
    roleId: 'pr-nora-lie-osl', sourceKey: '7703', givenName: 'Nora', familyName: 'Lie', role: 'orthodontist', clinicId: 'hs-oslo-sentrum',
    treatments: ['ad-invisalign-30', 'ad-child-exam-30'], days: [2, 4, 5], start: '09:00', end: '17:00', lunch: ['12:00', '12:45'], chair: 3,
    description: 'Kjeveortoped.',
  },
  // Majorstuen
  {
    roleId: 'pr-ingrid-solberg-maj', sourceKey: '6601', givenName: 'Ingrid', familyName: 'Solberg', role: 'dentist', clinicId: 'hs-oslo-majorstuen',
    treatments: [...GENERAL], days: [4, 5], start: '08:00', end: '15:30', lunch: ['11:30', '12:00'], chair: 1,
    description: 'Tannlege med lang erfaring og rolig tempo.',
  },
  {
    roleId: 'pr-jonas-haugen-maj', sourceKey: '6602', givenName: 'Jonas', familyName: 'Haugen', role: 'dentist', clinicId: 'hs-oslo-majorstuen',
    treatments: [...GENERAL, 'ad-root-canal-90', 'ad-child-exam-30'], days: [1, 2, 3, 4, 5], start: '07:30', end: '15:30', lunch: ['11:00', '11:30'], chair: 2,
    description: 'Tannlege, også kveldsåpent etter avtale.',
  },
  {
    roleId: 'pr-maria-kristiansen-maj', sourceKey: '6603', givenName: 'Maria', familyName: 'Kristiansen', role: 'hygienist', clinicId: 'hs-oslo-majorstuen',
    treatments: ['ad-hygiene-45', 'ad-spring-check-45', 'ad-whitening-60'], days: [2, 3, 4, 5], start: '08:00', end: '16:00', lunch: ['12:00', '12:30'], chair: 3,
    description: 'Tannpleier.',
  },
  // Bergen
  {
    roleId: 'pr-sindre-nygaard-brg', sourceKey: '9901', givenName: 'Sindre', familyName: 'Nygaard', role: 'dentist', clinicId: 'hs-bergen-sentrum',
    treatments: [...GENERAL, 'ad-child-exam-30'], days: [1, 2, 3, 4, 5], start: '08:00', end: '16:00', lunch: ['11:30', '12:00'], chair: 1,
    description: 'Tannlege.',
  },
  {
    roleId: 'pr-silje-moen-brg', sourceKey: '9902', givenName: 'Silje', familyName: 'Moen', role: 'hygienist', clinicId: 'hs-bergen-sentrum',
    treatments: ['ad-hygiene-45', 'ad-spring-check-45'], days: [1, 2, 3, 4], start: '08:00', end: '15:30', lunch: ['11:30', '12:00'], chair: 2,
    description: 'Tannpleier.',
    offlineReason: 'Journalsystemet er midlertidig utilgjengelig (vedlikehold).',
  },
  {
    roleId: 'pr-nora-lie-brg', sourceKey: '9903', givenName: 'Nora', familyName: 'Lie', role: 'orthodontist', clinicId: 'hs-bergen-sentrum',
    treatments: ['ad-invisalign-30'], days: [1, 3], start: '09:00', end: '16:00', lunch: ['12:00', '12:45'], chair: 3,
    description: 'Kjeveortoped.',
  },
  // Uppsala (inactive clinic)
  {
    roleId: 'pr-erik-vik-upp', sourceKey: '1101', givenName: 'Erik', familyName: 'Vik', role: 'dentist', clinicId: 'hs-uppsala-closed',
    treatments: [...GENERAL], days: [1, 2, 3, 4, 5], start: '08:00', end: '16:00', lunch: ['12:00', '12:30'], chair: 1,
    description: 'Allmäntandläkare.',
  },
];
