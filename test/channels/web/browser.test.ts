import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '../../../src/app.js';
import { readConfig } from '../../../src/config/config.js';
import { fixedClock } from '../../../src/domain.js';
import { createGuichet } from '../../../src/main.js';
import { DEFAULT_ACCOUNTS_PATH, DEFAULT_POLICY_PATH } from '../../../src/policy/load.js';
import { channels } from '../../../src/server/channels.js';
import { createHttpServer } from '../../../src/server/server.js';
import { type RunningServer, run } from '../../server/http-harness.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** A Monday within business hours, so the ticket gets SLA dates the same day. */
const NOW = '2026-11-23T10:00:00+01:00';

/**
 * What the person does for each question of the bot, matched on the last bot message: type an
 * answer, or click the button of that label. The first matching row wins.
 */
const ANSWERS: { question: RegExp; type?: string; click?: string }[] = [
  { question: /Pour quelle entreprise/, type: 'transports durand' },
  { question: /Vous voulez dire/, click: 'Oui' },
  { question: /À quel nom/, type: 'Marie Lefèvre' },
  { question: /informatique ou de téléphonie/, click: 'Informatique' },
  { question: /Je propose ce titre/, click: 'Oui, ce titre convient' },
  { question: /Quel titre/, type: 'Imprimante du 2e étage en panne' },
  { question: /Qui est bloqué/, click: 'Une équipe ou un service' },
  { question: /moyen de continuer/, click: 'Oui' },
  { question: /urgent/, click: 'Non, cela peut attendre' },
  { question: /Quand cela vous arrangerait/, type: 'mardi prochain à 14h' },
  { question: /J'ouvre le ticket/, click: 'Oui, ouvrir le ticket' },
];

async function lastBotText(page: Page): Promise<string> {
  return (await page.locator('.msg.bot .text').last().textContent()) ?? '';
}

async function say(page: Page, text: string): Promise<void> {
  const before = await page.locator('.msg.bot').count();
  await page.getByLabel('Votre message').fill(text);
  await page.getByLabel('Votre message').press('Enter');
  await expect.poll(() => page.locator('.msg.bot').count()).toBeGreaterThan(before);
}

async function click(page: Page, label: string): Promise<void> {
  const before = await page.locator('.msg.bot').count();
  await page.locator('.choices button:not([disabled])', { hasText: label }).first().click();
  await expect.poll(() => page.locator('.msg.bot').count()).toBeGreaterThan(before);
}

/** Answers each question of the bot (ANSWERS) until the ticket card shows; says how each was answered. */
async function answerUntilCard(page: Page): Promise<string[]> {
  const done: string[] = [];
  for (let step = 0; step < 15 && (await page.locator('.card').count()) === 0; step += 1) {
    const text = await lastBotText(page);
    const answer = ANSWERS.find((row) => row.question.test(text));
    if (!answer) throw new Error(`no answer planned for the question: ${text}`);
    if (answer.type !== undefined) await say(page, answer.type);
    else if (answer.click !== undefined) await click(page, answer.click);
    done.push(answer.type !== undefined ? 'typed' : 'clicked');
  }
  return done;
}

/** The texts of the bot's messages on the page. */
async function botTexts(page: Page): Promise<string[]> {
  return page.locator('.msg.bot .text').allTextContents();
}

const chromiumPresent = existsSync(CHROMIUM);

if (chromiumPresent) {
  describe('the web chat in Chromium', () => {
    let dir: string;
    let app: Guichet;
    let http: RunningServer;
    let browser: Browser;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'guichet-web-'));
      app = await createGuichet({
        database: join(dir, 'guichet.sqlite'),
        clock: fixedClock(NOW),
        policyPath: DEFAULT_POLICY_PATH,
        accountsPath: DEFAULT_ACCOUNTS_PATH,
        logger: pino({ level: 'silent' }),
      });
      http = await run(createHttpServer(app, readConfig({}), channels), app);
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    });

    afterAll(async () => {
      await browser?.close();
      await http?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('takes a printer incident from the first message to the ticket card, and stores the ticket', async () => {
      const page = await browser.newPage({ locale: 'fr-FR' });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${http.base}/`);
      await expect.poll(() => page.locator('.msg.bot').count()).toBeGreaterThan(0);
      expect(await lastBotText(page)).toMatch(/Que se passe-t-il/);

      await say(page, "l'imprimante du 2e étage n'imprime plus");
      // A reload keeps the conversation: the page kept its id in localStorage.
      const question = await lastBotText(page);
      await page.reload();
      await expect.poll(() => lastBotText(page)).toContain(question);
      expect(await page.locator('.msg.bot .text', { hasText: question }).count()).toBe(1);
      expect(
        await page.locator('.msg.user .text', { hasText: "l'imprimante du 2e étage n'imprime plus" }).count(),
      ).toBe(1);

      const done = await answerUntilCard(page);
      expect(done).toContain('typed');
      expect(done).toContain('clicked');

      const card = page.locator('.card').last();
      const title = (await card.locator('h2 .number').textContent()) ?? '';
      const number = title.replace(/^Ticket /, '');
      expect(number).toMatch(/^T20261123\.\d{4}$/);
      const cardText = (await card.textContent()) ?? '';
      for (const term of ['Priorité', 'File', 'Première réponse avant', 'Résolution avant', 'Escalade']) {
        expect(cardText).toContain(term);
      }
      await page.screenshot({ path: join(dir, 'ticket.png') });

      const ticket = await app.store.getTicket(number);
      expect(ticket).toMatchObject({ source: 'web', account: 'Transports Durand', type: 'incident', contract: true });
      expect(cardText).toContain(ticket?.queue ?? '(no queue)');
      // French typesetting: the times of the deadlines never break across lines.
      expect(cardText).toMatch(/\d\u00a0h(\u00a0\d\d)?/);
      expect(cardText).not.toMatch(/\d h \d\d/);
      expect(errors).toEqual([]);
      await page.close();
    });

    it("speaks the conversation's language: the page's own words switch to English with Guichet's replies", async () => {
      const page = await browser.newPage({ locale: 'en-GB' });
      await page.goto(`${http.base}/`);
      await expect.poll(() => page.locator('.msg.bot').count()).toBeGreaterThan(0);
      expect(await page.locator('#send').textContent()).toBe('Envoyer');
      await say(page, "my laptop won't turn on since this morning");
      expect(await lastBotText(page)).toMatch(/Which company/);
      expect(await page.locator('#send').textContent()).toBe('Send');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.getByLabel('Your message').fill('Cabinet Martin Avocats');
      await page.getByLabel('Your message').press('Enter');
      await expect.poll(() => lastBotText(page)).toMatch(/Under what name/);
      // The person's messages are labelled in the conversation's language from then on.
      expect(await page.locator('.msg.user .who').last().textContent()).toBe('You');
      await page.close();
    });

    it('shows what the technician writes when the page polls and on reload, and reopens on "ça ne marche toujours pas"', async () => {
      const page = await browser.newPage({ locale: 'fr-FR' });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${http.base}/`);
      await expect.poll(() => page.locator('.msg.bot').count()).toBeGreaterThan(0);
      // Another problem than the first test's printer, which is still open for the same person.
      await say(page, 'Outlook plante à chaque ouverture');
      await answerUntilCard(page);
      const title = (await page.locator('.card h2 .number').last().textContent()) ?? '';
      const number = title.replace(/^Ticket /, '');
      expect(number).toMatch(/^T20261123\.\d{4}$/);

      // The page is open: the take shows at its next poll, without anything typed.
      expect(await app.technicianActions.run({ action: 'take', number, by: 'philippe' })).toMatchObject({
        ok: true,
        told: 'sent',
      });
      const taken = `Philippe, technicien du support, a pris en charge votre ticket ${number}`;
      await expect.poll(() => lastBotText(page), { timeout: 15_000 }).toContain(taken);

      // The page is closed when the ticket is resolved: it shows when it is opened again, and the
      // message already shown is not shown twice.
      await page.goto('about:blank');
      await app.technicianActions.run({ action: 'resolve', number, by: 'philippe', text: 'Pilote réinstallé.' });
      await page.goto(`${http.base}/`);
      await expect
        .poll(() => botTexts(page), { timeout: 15_000 })
        .toContainEqual(expect.stringContaining(`Philippe a résolu votre ticket ${number}`));
      expect((await botTexts(page)).filter((t) => t.includes(taken))).toHaveLength(1);

      await say(page, 'ça ne marche toujours pas');
      expect(await lastBotText(page)).toContain(`Je rouvre votre ticket ${number}`);
      expect((await app.store.getTicket(number))?.status).toBe('in_progress');
      expect(errors).toEqual([]);
      await page.close();
    });
  });
} else if (process.env.CI === 'true') {
  describe('the web chat in Chromium', () => {
    it('needs Chromium under CI', () => {
      throw new Error(`Chromium not found at ${CHROMIUM}: CI must install it (apt-get install chromium, see .ci/run)`);
    });
  });
} else {
  describe.skip(`the web chat in Chromium (skipped: Chromium not found at ${CHROMIUM})`, () => {
    it('takes a printer incident to the ticket card', () => {});
  });
  process.stderr.write(`Web chat browser test skipped: Chromium not found at ${CHROMIUM}.\n`);
}
