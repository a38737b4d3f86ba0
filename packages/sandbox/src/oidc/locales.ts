/**
 * Strings of the test-BankID pages in Swedish (default) and every other language the widget
 * speaks (`LOCALES` in @itb/shared): Norwegian Bokmål, Danish, Finnish and English, so a patient
 * who started in the widget's language signs in in it too.
 * @module
 */
import { matchLocale, type LocaleCode, type PersonalNumberError } from '@itb/shared';

/** A language of these pages: every language the widget speaks. */
export type UiLocale = LocaleCode;

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

// The sandbox knows Swedish and Norwegian test people only; Danish and Finnish readers get the same choice.
const da: IdpStrings = {
  title: 'Log ind med test-BankID',
  badge: 'Testmiljø',
  intro: 'Dette er ITB-sandkassens login. Der sker ingen rigtig identifikation: vælg en testperson, eller indtast et gyldigt personnummer.',
  pickHeading: 'Vælg en testperson',
  sweden: 'Sverige',
  norway: 'Norge',
  child: 'under 18 år',
  typeHeading: 'Eller indtast et personnummer',
  personalNumberLabel: 'Personnummer',
  personalNumberHint: 'Svensk personnummer eller samordningsnummer (ÅÅÅÅMMDD-NNNN) eller norsk fødselsnummer/D-nummer (11 cifre).',
  signIn: 'Log ind',
  cancel: 'Afbryd login',
  errors: {
    required: 'Indtast et personnummer.',
    'invalid-format': 'Det ligner ikke et personnummer. Indtast 10, 11 eller 12 cifre.',
    'invalid-date': 'Datoen i nummeret findes ikke.',
    'invalid-checksum': 'Kontrolcifferet passer ikke. Tjek nummeret.',
  },
  expiredTitle: 'Login er udløbet',
  expiredText: 'Gå tilbage til tjenesten, og start login forfra.',
  errorTitle: 'Der gik noget galt',
  errorText: 'Login kunne ikke gennemføres.',
  logoutTitle: 'Log ud',
  logoutText: 'Vil du logge ud af test-BankID?',
  logoutYes: 'Ja, log ud',
  logoutNo: 'Nej, forbliv logget ind',
  loggedOutTitle: 'Du er logget ud',
  loggedOutText: 'Du kan lukke dette vindue.',
};

const fi: IdpStrings = {
  title: 'Kirjaudu test-BankID:llä',
  badge: 'Testiympäristö',
  intro: 'Tämä on ITB-hiekkalaatikon kirjautuminen. Todellista tunnistamista ei tehdä: valitse testihenkilö tai kirjoita kelvollinen henkilötunnus.',
  pickHeading: 'Valitse testihenkilö',
  sweden: 'Ruotsi',
  norway: 'Norja',
  child: 'alle 18-vuotias',
  typeHeading: 'Tai kirjoita henkilötunnus',
  personalNumberLabel: 'Henkilötunnus',
  personalNumberHint: 'Ruotsalainen personnummer tai samordningsnummer (VVVVKKPP-NNNN) tai norjalainen fødselsnummer/D-nummer (11 numeroa).',
  signIn: 'Kirjaudu',
  cancel: 'Peruuta kirjautuminen',
  errors: {
    required: 'Kirjoita henkilötunnus.',
    'invalid-format': 'Tämä ei näytä henkilötunnukselta. Kirjoita 10, 11 tai 12 numeroa.',
    'invalid-date': 'Tunnuksen päivämäärää ei ole olemassa.',
    'invalid-checksum': 'Tarkistusnumero ei täsmää. Tarkista tunnus.',
  },
  expiredTitle: 'Kirjautuminen on vanhentunut',
  expiredText: 'Palaa palveluun ja aloita kirjautuminen alusta.',
  errorTitle: 'Jokin meni vikaan',
  errorText: 'Kirjautumista ei voitu suorittaa loppuun.',
  logoutTitle: 'Kirjaudu ulos',
  logoutText: 'Haluatko kirjautua ulos test-BankID:stä?',
  logoutYes: 'Kyllä, kirjaudu ulos',
  logoutNo: 'Ei, pysy kirjautuneena',
  loggedOutTitle: 'Olet kirjautunut ulos',
  loggedOutText: 'Voit sulkea tämän ikkunan.',
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

const STRINGS: Readonly<Record<UiLocale, IdpStrings>> = { sv, nb, da, fi, en };

/** The first supported language of an OIDC `ui_locales` value (space-separated BCP 47 tags); Swedish otherwise. */
export function pickLocale(uiLocales: unknown): UiLocale {
  if (typeof uiLocales !== 'string') return 'sv';
  for (const tag of uiLocales.split(/\s+/)) {
    const locale = matchLocale(tag);
    if (locale !== undefined) return locale;
  }
  return 'sv';
}

export function stringsFor(locale: UiLocale): IdpStrings {
  return STRINGS[locale];
}
