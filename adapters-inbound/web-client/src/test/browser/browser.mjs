// Debian's Chromium driven by Playwright (playwright-core: no browser download), and a person
// using the web client in a browser context of their own, as a test would describe them.

import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const CHROMIUM = process.env.CHAT_CHROMIUM || '/usr/bin/chromium';
export const screenshots = resolve(import.meta.dirname, '../../../../../docs/web-client');

export async function launchChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: scripts/browser-test installs Debian's (apt-get install chromium), or set CHAT_CHROMIUM`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export async function until(what, condition, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await condition();
    if (last) return last;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last seen: ${JSON.stringify(last)})`);
}

/** One person: a browser context (their own storage, so their own session and devices) and a page. */
export class Person {
  static async open(browser, server, username, { viewport = { width: 1200, height: 800 } } = {}) {
    const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    const person = new Person(username, context, page, server);
    page.on('pageerror', (error) => person.errors.push(error.message));
    page.on('dialog', (dialog) => { person.dialogs.push(dialog.message()); dialog.dismiss(); });
    await page.goto(server.url + '/');
    return person;
  }

  constructor(username, context, page, server) {
    this.username = username;
    this.context = context;
    this.page = page;
    this.server = server;
    this.errors = [];
    this.dialogs = [];
  }

  async signUp(displayName = null) {
    const { page } = this;
    await page.locator('#signup-username').fill(this.username);
    if (displayName) await page.getByLabel('Display name (optional)').fill(displayName);
    await page.locator('#signup-password').fill(`${this.username}-password`);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await this.connected();
  }

  async logIn() {
    const { page } = this;
    await page.locator('#login-username').fill(this.username);
    await page.locator('#login-password').fill(`${this.username}-password`);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await this.connected();
  }

  async connected() {
    await this.page.locator('.connection[data-state="online"]').waitFor({ timeout: 30_000 });
  }

  async openDirect(username) {
    await this.page.getByLabel('Chat with').fill(username);
    await this.page.getByRole('button', { name: 'Open' }).click();
    await this.page.locator('.conversation-title').filter({ hasText: new RegExp(username, 'i') }).waitFor();
  }

  chatItem(title) {
    return this.page.locator('.chat-item').filter({ has: this.page.locator('.chat-title', { hasText: title }) });
  }

  async openChat(title) {
    await this.chatItem(title).click();
    await this.page.locator('.conversation-title', { hasText: title }).waitFor();
  }

  async send(text) {
    const input = this.page.getByLabel('Message', { exact: true });
    await input.fill(text);
    await input.press('Enter');
  }

  /** The bodies of the open conversation's messages, in the order shown. */
  bodies() {
    return this.page.locator('.messages .message .body').allTextContents();
  }

  async sees(text) {
    await this.page.locator('.messages .message .body', { hasText: text }).first().waitFor();
  }

  async screenshot(name) {
    mkdirSync(screenshots, { recursive: true });
    await this.page.screenshot({ path: join(screenshots, name + '.png') });
  }

  async close() {
    await this.context.close();
  }
}
