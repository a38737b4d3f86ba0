// Server commands the browser tests call with `executeServerCommand`: sandbox knobs, network loss
// (requests to the BFF fail as if offline) and the real test-BankID sign-in, driven in the same browser context as
// the test page so the BFF's session cookie lands where the widget needs it.

const PERSON = '198503149828';

async function clickPerson(page, personalNumber) {
  const selector = `[data-testid="person-${personalNumber}"]`;
  await page.waitForSelector(selector, { timeout: 10_000 });
  await page.click(selector);
}

/**
 * Another patient books through the real BFF, from Node: redirect login driven with the sandbox's
 * fetch helper, then `$book` with that patient's own session cookie. Used to take a time away from
 * under the patient in the browser.
 */
async function bookAsOtherPatient({ origin, prefix, loginWithTestBankId, createTestCookieJar }, personalNumber, parameters) {
  const jar = createTestCookieJar();
  const send = async (url, init = {}) => {
    const target = new URL(url);
    const cookie = jar.headerFor(target);
    const response = await fetch(target, { redirect: 'manual', ...init, headers: { ...(cookie === '' ? {} : { cookie }), ...init.headers } });
    jar.store(target, response);
    return response;
  };
  const login = await send(`${origin}${prefix}/auth/login?returnTo=${encodeURIComponent(`${origin}/`)}&mode=redirect`);
  const authorization = login.headers.get('location');
  if (authorization === null) throw new Error(`login did not redirect (${login.status})`);
  const { callbackUrl } = await loginWithTestBankId(new URL(authorization, origin).href, personalNumber);
  const callback = await send(callbackUrl);
  await callback.body?.cancel();
  const booked = await send(`${origin}${prefix}/fhir/Appointment/$book`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/fhir+json', 'x-itb-csrf': '1', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify(parameters),
  });
  await booked.body?.cancel();
  return booked.status;
}

/** @param {{ sandbox: any, origin: string, prefix: string, loginWithTestBankId: Function, createTestCookieJar: Function }} options */
export function commandsPlugin(options) {
  const { sandbox, prefix } = options;
  const blockers = new Map();
  const mediaSessions = new Map();
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
        case 'itb-book-as':
          return bookAsOtherPatient(options, payload.personalNumber, payload.parameters);
        case 'itb-sandbox-bookings':
          return sandbox.knobs.bookings().length;
        case 'itb-offline': {
          // Only the BFF's path goes offline: Chromium's offline mode would also cut the test
          // runner's own connection to the page.
          if (payload?.offline) {
            if (blockers.has(page)) return true;
            const blocker = (request) => {
              if (request.isInterceptResolutionHandled()) return;
              if (new URL(request.url()).pathname.startsWith(prefix)) void request.abort('internetdisconnected');
              else void request.continue();
            };
            blockers.set(page, blocker);
            await page.setRequestInterception(true);
            page.on('request', blocker);
          } else {
            const blocker = blockers.get(page);
            if (blocker !== undefined) page.off('request', blocker);
            blockers.delete(page);
            await page.setRequestInterception(false);
          }
          return true;
        }
        case 'itb-emulate-media': {
          // Media features by the DevTools protocol: puppeteer's emulateMediaFeatures (and so
          // emulateMedia from @web/test-runner-commands) refuses forced-colors. `features: []` resets.
          let cdp = mediaSessions.get(page);
          if (cdp === undefined) {
            cdp = await page.createCDPSession();
            mediaSessions.set(page, cdp);
          }
          await cdp.send('Emulation.setEmulatedMedia', { features: payload?.features ?? [] });
          return true;
        }
        case 'itb-sign-in': {
          // Redirect-mode login in a second tab of the same context: the real BFF + IdP + cookie.
          const tab = await page.browserContext().newPage();
          try {
            const returnTo = `${options.origin}/`;
            const url = `${options.origin}${prefix}/auth/login?returnTo=${encodeURIComponent(returnTo)}&mode=redirect&locale=en`;
            await tab.goto(url, { waitUntil: 'domcontentloaded' });
            if (!tab.url().startsWith(options.origin)) {
              await Promise.all([tab.waitForNavigation({ waitUntil: 'domcontentloaded' }).catch(() => {}), clickPerson(tab, payload?.personalNumber ?? PERSON)]);
              await tab.waitForFunction((o) => location.href.startsWith(o), { timeout: 10_000 }, options.origin).catch(() => {});
            }
            return tab.url().startsWith(options.origin);
          } finally {
            await tab.close();
          }
        }
        case 'itb-complete-popup-login': {
          // The widget opened the BFF login in a popup; finish it on the test-BankID page. When the
          // IdP still has a session from an earlier sign-in it shows no page and the popup closes
          // by itself: then there is nothing to click (false).
          const deadline = Date.now() + 8_000;
          while (Date.now() < deadline) {
            const target = page.browser().targets().find((t) => t.type() === 'page' && t.url().startsWith(`${sandbox.origin}/`));
            if (target !== undefined) {
              const popup = await target.page();
              if (popup !== null) {
                await clickPerson(popup, payload?.personalNumber ?? PERSON);
                return true;
              }
            }
            await new Promise((done) => setTimeout(done, 100));
          }
          return false;
        }
        default:
          return undefined;
      }
    },
  };
}
