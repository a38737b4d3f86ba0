/**
 * The tenant (ServiceProviderPortal): the chain that owns every clinic, with its display settings.
 * @module
 */

export const ORGANIZATION = {
  id: 'org-fjordvik',
  name: 'Fjordvik Tandvård',
  nameAsCode: 'fjordvik-tandvard',
  mobileFormTenant: 'demo',
  website: 'https://fjordvik.example.invalid',
  settings: {
    showPricesForTreatments: 'always-show-price',
    showPricesAtBookingConfirmation: 'always-show-price',
    showPractitionerAvatar: 'show-practitioner-avatar',
    showClinicImage: 'show-clinic-image',
    showClinicSearchField: true,
    showClinicMapInMyPage: false,
    bannerTextPosition: 'bottom-left',
    bannerText: 'Boka tid hos Fjordvik Tandvård',
    topBannerText: 'Välkommen till Fjordvik',
    topBannerSubText: 'Tandvård i Sverige och Norge',
    aboveFormReminder: 'Kom ihåg att avboka senast 24 timmar innan om du får förhinder.',
  },
} as const;
