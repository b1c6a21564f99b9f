// The entry point: reads the server's client configuration, finishes a provider log-in if the page
// is its redirect, then shows either the log-in page or the chats.

import { ApiError, createApi } from './api.js';
import { clearSession, currentSession, embeddedSession, finishProviderLogIn, refreshProviderSession,
  saveSession, startProviderLogIn } from './auth.js';
import { ChatApp } from './chat-app.js';
import { claimDevice } from './device.js';
import { replaceChildren } from './dom.js';
import { loginView } from './views/login-view.js';
import { MainView } from './views/main-view.js';

const root = document.getElementById('app');
let session = currentSession();
let chatApp = null;
const api = createApi(() => session?.accessToken, () => expired());

async function main() {
  const config = await (await fetch('/web-client/config')).json();
  let notice = null;
  try {
    const fromProvider = await finishProviderLogIn(config.oidc);
    if (fromProvider) {
      session = fromProvider;
      saveSession(session);
    }
  } catch (e) {
    notice = e.message;
  }
  // another tab logged out or in: follow it; another tab renewed the token: use the new one
  window.addEventListener('storage', (event) => {
    if (event.key !== 'chat.session') return;
    if (!event.newValue !== !event.oldValue) location.reload();
    else if (event.newValue) session = currentSession();
  });
  await show(config, notice);
}

async function show(config, notice = null) {
  chatApp?.stop();
  chatApp = null;
  if (session && session.expiresAt < Date.now() + 30_000) session = (await refreshProviderSession(session)) || null;
  if (!session) {
    replaceChildren(root, loginView({
      config,
      notice,
      onLogIn: async (username, password) => logIn(config, await api.logIn(username, password)),
      onSignUp: async (username, password, displayName) => {
        await api.signUp(username, password, displayName);
        await logIn(config, await api.logIn(username, password));
      },
      onProviderLogIn: () => startProviderLogIn(config.oidc),
    }));
    document.title = 'Chat: log in';
    return;
  }
  try {
    const me = await api.me();
    const device = await claimDevice(me.id);
    chatApp = new ChatApp({
      config, api, me, device, token: session.accessToken,
      onSignedOut: (message) => logOut(config, message),
    });
    const view = new MainView(chatApp, { onLogOut: () => logOut(config, null) });
    replaceChildren(root, view.element);
    document.title = 'Chat';
    scheduleRefresh(config);
    await chatApp.start();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return;
    replaceChildren(root, loginView({ config, notice: `The server could not be reached: ${e.message}`,
      onLogIn: async (u, p) => logIn(config, await api.logIn(u, p)),
      onSignUp: async (u, p, d) => { await api.signUp(u, p, d); await logIn(config, await api.logIn(u, p)); },
      onProviderLogIn: () => startProviderLogIn(config.oidc) }));
  }
}

async function logIn(config, token) {
  session = embeddedSession(token);
  saveSession(session);
  await show(config);
}

async function logOut(config, message) {
  session = null;
  clearSession();
  await show(config, message);
}

/** A provider's session is renewed before its token expires; the embedded issuer's ends with it. */
function scheduleRefresh(config) {
  if (session.kind !== 'oidc') return;
  const wait = Math.max(5_000, session.expiresAt - Date.now() - 60_000);
  setTimeout(async () => {
    const renewed = await refreshProviderSession(session);
    if (!renewed) return;
    session = renewed;
    saveSession(session);
    chatApp?.connection.setToken(session.accessToken);
    scheduleRefresh(config);
  }, wait);
}

let expiring = false;
function expired() {
  if (expiring) return;
  expiring = true;
  fetch('/web-client/config').then((r) => r.json()).then((config) =>
    logOut(config, 'Your session has expired; please log in again.')).finally(() => { expiring = false; });
}

main().catch((e) => {
  root.textContent = `The chat could not start: ${e.message}`;
});
