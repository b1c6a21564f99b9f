// Log-in through a real OpenID Connect provider: the Keycloak that scripts/engines/keycloak-start
// runs (CHAT_TEST_KEYCLOAK), realm "chat", public client "chat-web" (authorization code with PKCE).
// The server trusts only that realm (no embedded issuer), and the page offers only the provider.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatServer } from './server.mjs';
import { launchChromium, Person } from './browser.mjs';

const keycloak = process.env.CHAT_TEST_KEYCLOAK;
let server;
let browser;

before(async () => {
  if (!keycloak) {
    throw new Error('no Keycloak for the OIDC log-in test: set CHAT_TEST_KEYCLOAK '
      + '(eval "$(scripts/engines/keycloak-start)"; scripts/test does it)');
  }
  const issuer = `${keycloak.replace(/\/$/, '')}/realms/chat`;
  const discovery = await (await fetch(`${issuer}/.well-known/openid-configuration`)).json();
  server = await ChatServer.start('oidc', {
    'chat.auth.issuer': discovery.issuer,
    'chat.auth.audience': 'chat',
    'chat.auth.jwks-uri': discovery.jwks_uri,
    'chat.auth.embedded-issuer.enabled': false,
    'chat.web-client.oidc.issuer': discovery.issuer,
    'chat.web-client.oidc.client-id': 'chat-web',
    'chat.web-client.oidc.name': 'Keycloak',
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.destroy();
});

async function logInThroughKeycloak(username) {
  const person = await Person.open(browser, server, username);
  const { page } = person;
  assert.equal(await page.locator('#login-username').count(), 0, 'no password form without the embedded issuer');
  await page.getByRole('button', { name: 'Log in with Keycloak' }).click();
  await page.waitForURL((url) => url.href.startsWith(keycloak), { timeout: 30_000 });
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(`${username}-password`);
  await page.locator('#kc-login').click();
  await person.connected();
  assert.doesNotMatch(page.url(), /[?&](code|state)=/, 'the code left the address bar');
  return person;
}

test('two Keycloak users log in with the authorization code and PKCE, then chat', async () => {
  const alice = await logInThroughKeycloak('alice');
  const bob = await logInThroughKeycloak('bob');
  assert.match(await alice.page.locator('.topbar .me').textContent(), /@alice/);
  await alice.openDirect('bob');
  await alice.send('signed in through Keycloak');
  await bob.openChat('Alice Liddell'); // the display name from the token's `name` claim
  await bob.sees('signed in through Keycloak');
  assert.deepEqual(alice.errors, []);
  assert.deepEqual(bob.errors, []);
});
