/**
 * Seed ids other packages' tests may rely on (kept stable).
 * @module
 */
export const SEED_IDS = {
  organization: 'org-fjordvik',
  clinics: {
    stockholmCity: 'hs-stockholm-city',
    sodermalm: 'hs-stockholm-sodermalm',
    goteborgCentrum: 'hs-goteborg-centrum',
    hisingenExternal: 'hs-goteborg-hisingen',
    osloSentrum: 'hs-oslo-sentrum',
    majorstuen: 'hs-oslo-majorstuen',
    bergen: 'hs-bergen-sentrum',
  },
  treatments: {
    acute: 'ad-acute-30',
    examination: 'ad-examination-30',
    hygiene: 'ad-hygiene-45',
    childExamination: 'ad-child-exam-30',
    filling: 'ad-filling-60',
    springCampaign: 'ad-spring-check-45',
    whitening: 'ad-whitening-60',
    invisalign: 'ad-invisalign-30',
    rootCanal: 'ad-root-canal-90',
  },
  /** The ext-campaigns code on `treatments.springCampaign`. */
  campaignCode: 'SPRING26',
  practitioners: {
    annaBergCity: 'pr-anna-berg-sto',
    elinHolmCity: 'pr-elin-holm-sto',
    annaBergSodermalm: 'pr-anna-berg-sod',
    karinDahlGoteborg: 'pr-karin-dahl-got',
    henrikBakkeOslo: 'pr-henrik-bakke-osl',
    jonasHaugenMajorstuen: 'pr-jonas-haugen-maj',
    siljeMoenBergenOffline: 'pr-silje-moen-brg',
  },
} as const;
