/**
 * Strings of the test-BankID pages in Swedish (default), Norwegian Bokmål and English.
 * @module
 */
import type { PersonalNumberError } from '@itb/shared';

export type UiLocale = 'sv' | 'nb' | 'en';

export interface IdpStrings {
  readonly title: string;
  readonly badge: string;
  readonly intro: string;
  readonly pickHeading: string;
  readonly sweden: string;
  readonly norway: string;
  readonly child: string;
  readonly typeHeading: string;
  readonly personalNumberLabel: string;
  readonly personalNumberHint: string;
  readonly signIn: string;
  readonly cancel: string;
  readonly errors: Readonly<Record<PersonalNumberError | 'required', string>>;
  readonly expiredTitle: string;
  readonly expiredText: string;
  readonly errorTitle: string;
  readonly errorText: string;
  readonly logoutTitle: string;
  readonly logoutText: string;
  readonly logoutYes: string;
  readonly logoutNo: string;
  readonly loggedOutTitle: string;
  readonly loggedOutText: string;
}

const sv: IdpStrings = {
  title: 'Logga in med test-BankID',
  badge: 'Testmiljö',
  intro: 'Det här är ITB-sandlådans inloggning. Ingen riktig legitimering sker: välj en testperson eller skriv ett giltigt personnummer.',
  pickHeading: 'Välj en testperson',
  sweden: 'Sverige',
  norway: 'Norge',
  child: 'under 18 år',
  typeHeading: 'Eller skriv ett personnummer',
  personalNumberLabel: 'Personnummer',
  personalNumberHint: 'Svenskt personnummer eller samordningsnummer (ÅÅÅÅMMDD-NNNN) eller norskt fødselsnummer/D-nummer (11 siffror).',
  signIn: 'Logga in',
  cancel: 'Avbryt inloggningen',
  errors: {
    required: 'Skriv ett personnummer.',
    'invalid-format': 'Det där ser inte ut som ett personnummer. Skriv 10, 11 eller 12 siffror.',
    'invalid-date': 'Datumet i personnumret finns inte.',
    'invalid-checksum': 'Kontrollsiffran stämmer inte. Kontrollera numret.',
  },
  expiredTitle: 'Inloggningen har gått ut',
  expiredText: 'Gå tillbaka till tjänsten och börja om inloggningen.',
  errorTitle: 'Något gick fel',
  errorText: 'Inloggningen kunde inte slutföras.',
  logoutTitle: 'Logga ut',
  logoutText: 'Vill du logga ut från test-BankID?',
  logoutYes: 'Ja, logga ut',
  logoutNo: 'Nej, förbli inloggad',
  loggedOutTitle: 'Du är utloggad',
  loggedOutText: 'Du kan stänga det här fönstret.',
};

const nb: IdpStrings = {
  title: 'Logg inn med test-BankID',
  badge: 'Testmiljø',
  intro: 'Dette er innloggingen til ITB-sandkassen. Ingen ekte identifisering skjer: velg en testperson eller skriv inn et gyldig fødselsnummer.',
  pickHeading: 'Velg en testperson',
  sweden: 'Sverige',
  norway: 'Norge',
  child: 'under 18 år',
  typeHeading: 'Eller skriv inn et fødselsnummer',
  personalNumberLabel: 'Fødselsnummer eller personnummer',
  personalNumberHint: 'Norsk fødselsnummer/D-nummer (11 siffer) eller svensk personnummer/samordningsnummer (ÅÅÅÅMMDD-NNNN).',
  signIn: 'Logg inn',
  cancel: 'Avbryt innloggingen',
  errors: {
    required: 'Skriv inn et fødselsnummer.',
    'invalid-format': 'Det ser ikke ut som et fødselsnummer. Skriv 10, 11 eller 12 siffer.',
    'invalid-date': 'Datoen i nummeret finnes ikke.',
    'invalid-checksum': 'Kontrollsifrene stemmer ikke. Sjekk nummeret.',
  },
  expiredTitle: 'Innloggingen er utløpt',
  expiredText: 'Gå tilbake til tjenesten og start innloggingen på nytt.',
  errorTitle: 'Noe gikk galt',
  errorText: 'Innloggingen kunne ikke fullføres.',
  logoutTitle: 'Logg ut',
  logoutText: 'Vil du logge ut av test-BankID?',
  logoutYes: 'Ja, logg ut',
  logoutNo: 'Nei, forbli innlogget',
  loggedOutTitle: 'Du er logget ut',
  loggedOutText: 'Du kan lukke dette vinduet.',
};

const en: IdpStrings = {
  title: 'Sign in with test BankID',
  badge: 'Test environment',
  intro: 'This is the ITB sandbox sign-in. No real identification happens: pick a test person or type a valid personal number.',
  pickHeading: 'Pick a test person',
  sweden: 'Sweden',
  norway: 'Norway',
  child: 'under 18',
  typeHeading: 'Or type a personal number',
  personalNumberLabel: 'Personal number',
  personalNumberHint: 'Swedish personnummer or samordningsnummer (YYYYMMDD-NNNN) or Norwegian fødselsnummer/D-number (11 digits).',
  signIn: 'Sign in',
  cancel: 'Cancel sign-in',
  errors: {
    required: 'Type a personal number.',
    'invalid-format': 'That does not look like a personal number. Type 10, 11 or 12 digits.',
    'invalid-date': 'The date in that number does not exist.',
    'invalid-checksum': 'The check digit does not match. Check the number.',
  },
  expiredTitle: 'The sign-in has expired',
  expiredText: 'Go back to the service and start signing in again.',
  errorTitle: 'Something went wrong',
  errorText: 'The sign-in could not be completed.',
  logoutTitle: 'Sign out',
  logoutText: 'Do you want to sign out of test BankID?',
  logoutYes: 'Yes, sign out',
  logoutNo: 'No, stay signed in',
  loggedOutTitle: 'You are signed out',
  loggedOutText: 'You can close this window.',
};

const STRINGS: Readonly<Record<UiLocale, IdpStrings>> = { sv, nb, en };

/** The first supported language of an OIDC `ui_locales` value (space-separated BCP 47 tags); Swedish otherwise. */
export function pickLocale(uiLocales: unknown): UiLocale {
  if (typeof uiLocales !== 'string') return 'sv';
  for (const tag of uiLocales.toLowerCase().split(/\s+/)) {
    const language = tag.split('-')[0];
    if (language === 'sv') return 'sv';
    if (language === 'nb' || language === 'no' || language === 'nn') return 'nb';
    if (language === 'en') return 'en';
  }
  return 'sv';
}

export function stringsFor(locale: UiLocale): IdpStrings {
  return STRINGS[locale];
}
