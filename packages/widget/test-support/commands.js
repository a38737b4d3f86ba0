// Server commands the browser tests call with `executeServerCommand`: sandbox knobs, network loss
// (Chromium offline mode) and the real test-BankID sign-in, driven in the same browser context as
// the test page so the BFF's session cookie lands where the widget needs it.

const PERSON = '198503149828';

async function clickPerson(page, personalNumber) {
  const selector = `[data-testid="person-${personalNumber}"]`;
  await page.waitForSelector(selector, { timeout: 10_000 });
  await page.click(selector);
}

/** @param {{ sandbox: any, origin: string, prefix: string }} options */
export function commandsPlugin({ sandbox, origin, prefix }) {
  return {
    name: 'itb-commands',
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('itb-')) return undefined;
      const page = session.browser.getPage(session.id);
      switch (command) {
        case 'itb-sandbox-reset':
          sandbox.knobs.reset();
          return true;
        case 'itb-sandbox-fault':
          sandbox.knobs.injectFault(payload);
          return true;
        case 'itb-sandbox-now':
          sandbox.knobs.setNow(new Date(payload.iso));
          return true;
        case 'itb-sandbox-bookings':
          return sandbox.knobs.bookings().length;
        case 'itb-offline':
          await page.setOfflineMode(Boolean(payload?.offline));
          return true;
        case 'itb-sign-in': {
          // Redirect-mode login in a second tab of the same context: the real BFF + IdP + cookie.
          const tab = await page.browserContext().newPage();
          try {
            const returnTo = `${origin}/`;
            const url = `${origin}${prefix}/auth/login?returnTo=${encodeURIComponent(returnTo)}&mode=redirect&locale=en`;
            await tab.goto(url, { waitUntil: 'domcontentloaded' });
            if (!tab.url().startsWith(origin)) {
              await Promise.all([tab.waitForNavigation({ waitUntil: 'domcontentloaded' }).catch(() => {}), clickPerson(tab, payload?.personalNumber ?? PERSON)]);
              await tab.waitForFunction((o) => location.href.startsWith(o), { timeout: 10_000 }, origin).catch(() => {});
            }
            return tab.url().startsWith(origin);
          } finally {
            await tab.close();
          }
        }
        case 'itb-complete-popup-login': {
          // The widget opened the BFF login in a popup; finish it on the test-BankID page.
          const target = await page.browser().waitForTarget((t) => t.type() === 'page' && t.url().startsWith(sandbox.origin), { timeout: 10_000 });
          const popup = await target.page();
          await clickPerson(popup, payload?.personalNumber ?? PERSON);
          return true;
        }
        default:
          return undefined;
      }
    },
  };
}
