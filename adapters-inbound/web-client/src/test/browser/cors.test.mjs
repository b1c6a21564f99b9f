// Other origins: an integrator's page on another origin calls the API from the browser. Refused by
// default (the browser blocks the call: the server answers no CORS), allowed for listed origins only.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { ChatServer, freePort } from './server.mjs';
import { launchChromium } from './browser.mjs';

let browser;
const servers = [];
const origins = [];

/** A page on an origin of its own, as an integrator's site would be. */
async function originServer() {
  const port = await freePort();
  const server = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end('<!doctype html><title>integrator</title><p>an integrator\'s page</p>');
  });
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  origins.push(server);
  return `http://127.0.0.1:${port}`;
}

/** From a page of `origin`, a JSON POST with a bearer header (so the browser sends a preflight first). */
async function callFrom(origin, api) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(origin + '/');
  const outcome = await page.evaluate(async (url) => {
    try {
      const response = await fetch(url + '/api/auth/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer none' },
        body: JSON.stringify({ username: 'nobody', password: 'wrong-password' }),
      });
      return { status: response.status, retryAfterReadable: response.headers.has('Retry-After') || null };
    } catch (e) {
      return { blocked: e.name + ': ' + e.message };
    }
  }, api);
  await context.close();
  return outcome;
}

before(async () => {
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const server of servers) await server.destroy();
  for (const server of origins) server.close();
});

test('by default the API answers no other origin: the browser blocks the call', async () => {
  const server = await ChatServer.start('cors-off');
  servers.push(server);
  const outcome = await callFrom(await originServer(), server.url);
  assert.match(outcome.blocked ?? '', /TypeError: Failed to fetch/, JSON.stringify(outcome));
});

test('an allowed origin calls the API and reads its answer; an origin not listed is still blocked', async () => {
  const allowed = await originServer();
  const other = await originServer();
  const server = await ChatServer.start('cors-on', {
    'micronaut.server.cors.enabled': true,
    'micronaut.server.cors.configurations.integrators.allowed-origins': allowed,
  });
  servers.push(server);
  const fromAllowed = await callFrom(allowed, server.url);
  assert.equal(fromAllowed.status, 401, `the allowed origin reads the API's answer: ${JSON.stringify(fromAllowed)}`);
  const fromOther = await callFrom(other, server.url);
  assert.match(fromOther.blocked ?? '', /TypeError: Failed to fetch/, JSON.stringify(fromOther));
});
