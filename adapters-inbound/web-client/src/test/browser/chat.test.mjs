// The web client as people use it, in a real Chromium, against the packaged server on the embedded
// default: two people chat both ways, a group with a removal, a page that loses its network and a
// server that restarts, presence, text that looks like HTML, scroll-back through history, tabs as
// devices, a phone's width. The screenshots of docs/web-client.md are taken here.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatServer } from './server.mjs';
import { launchChromium, Person, until } from './browser.mjs';

let server;
let browser;
const people = [];

before(async () => {
  // presence in seconds rather than tens of seconds, so that an offline shows within the test
  server = await ChatServer.start('chat', {
    'chat.heartbeat-interval': '1s',
    'chat.missed-heartbeats': 2,
    'chat.presence-min-change-interval': '500ms',
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.destroy();
});

async function person(username, options) {
  const someone = await Person.open(browser, server, username, options);
  people.push(someone);
  return someone;
}

function noErrors(...persons) {
  for (const p of persons) {
    assert.deepEqual(p.errors, [], `${p.username}'s page threw`);
    assert.deepEqual(p.dialogs, [], `${p.username}'s page opened a dialog`);
  }
}

test('two people sign up and chat both ways; the chat list shows the last message and the unread count', async () => {
  const alice = await person('alice');
  await alice.screenshot('log-in');
  await alice.signUp('Alice Liddell');
  const bob = await person('bob');
  await bob.signUp('Bob Builder');

  await alice.openDirect('bob');
  await alice.send('Hi Bob, are you there?');
  await alice.page.locator('.message.mine .state[data-state="sent"]').waitFor();

  const item = bob.chatItem('Alice Liddell');
  await item.locator('.unread', { hasText: '1' }).waitFor();
  assert.equal(await item.locator('.chat-preview').textContent(), 'Hi Bob, are you there?');
  await bob.openChat('Alice Liddell');
  await bob.sees('Hi Bob, are you there?');
  await until('the unread count to clear', async () => (await item.locator('.unread').count()) === 0);

  // Shift+Enter breaks the line, Enter sends
  const input = bob.page.getByLabel('Message', { exact: true });
  await input.type('Yes!');
  await input.press('Shift+Enter');
  await input.type('Second line.');
  await input.press('Enter');
  await alice.sees('Second line.');
  assert.deepEqual(await alice.bodies(), ['Hi Bob, are you there?', 'Yes!\nSecond line.']);
  assert.deepEqual(await bob.bodies(), ['Hi Bob, are you there?', 'Yes!\nSecond line.']);
  assert.equal(await alice.chatItem('Bob Builder').locator('.chat-preview').textContent(), 'Yes!\nSecond line.');
  assert.equal(await bob.chatItem('Alice Liddell').locator('.chat-preview').textContent(), 'You: Yes!\nSecond line.');
  await alice.screenshot('conversation');
  noErrors(alice, bob);
});

test('presence: the dot turns on while the other person has the page open, and off when they leave', async () => {
  const [alice, bob] = people;
  const dot = alice.chatItem('Bob Builder').locator('.presence-dot');
  await until('bob online', async () => (await dot.getAttribute('data-online')) === 'true');
  await until('"online" in the header', async () => (await alice.page.locator('.conversation-subtitle').textContent()) === 'online');
  await bob.page.close();
  await until('bob offline', async () => (await dot.getAttribute('data-online')) === 'false');
  assert.match(await alice.page.locator('.conversation-subtitle').textContent(), /^last seen today at/);
  bob.page = await bob.context.newPage();
  bob.page.on('pageerror', (error) => bob.errors.push(error.message));
  await bob.page.goto(server.url + '/');
  await bob.connected();
  await until('bob online again', async () => (await dot.getAttribute('data-online')) === 'true');
});

test('a message that looks like HTML is shown as its characters', async () => {
  const [alice, bob] = people;
  const html = '<img src=x onerror=alert(1)> <b>bold?</b>';
  await bob.openChat('Alice Liddell');
  await bob.send(html);
  await alice.sees('<img src=x');
  const bodies = await alice.bodies();
  assert.equal(bodies.at(-1), html);
  assert.equal(await alice.page.locator('.messages img, .messages b').count(), 0);
  assert.equal(await alice.chatItem('Bob Builder').locator('.chat-preview').textContent(), html);
  noErrors(alice, bob);
});

test('a group of three: created, renamed, a member removed sees nothing more, another leaves', async () => {
  const [alice, bob] = people;
  const carol = await person('carol');
  await carol.signUp('Carol');
  await alice.page.getByRole('button', { name: 'New group' }).click();
  await alice.page.getByLabel('Name', { exact: true }).fill('Climbing');
  await alice.page.getByLabel('Members (usernames, separated by commas)').fill('bob, carol');
  await alice.page.getByRole('button', { name: 'Create' }).click();
  await alice.page.locator('.conversation-title', { hasText: 'Climbing' }).waitFor();

  await carol.openChat('Climbing');
  await carol.send('hello group');
  await bob.openChat('Climbing');
  await bob.sees('hello group');
  await alice.sees('hello group');
  assert.equal(await alice.page.locator('.message .sender').last().textContent(), 'Carol');

  await alice.page.getByRole('button', { name: 'Group', exact: true }).click();
  await alice.page.getByLabel('Group name').fill('Climbing trip');
  await alice.page.getByRole('button', { name: 'Rename' }).click();
  await bob.page.locator('.conversation-title', { hasText: 'Climbing trip' }).waitFor();
  await alice.screenshot('group-settings');
  await alice.page.getByRole('button', { name: 'Remove Carol' }).click();
  await until('carol gone from the member list', async () => (await alice.page.locator('.members li').count()) === 2);
  await alice.page.getByRole('button', { name: 'Close' }).click();

  await carol.page.locator('.removed-note', { hasText: 'no longer a member' }).waitFor();
  assert.equal(await carol.page.locator('.composer').isHidden(), true);
  await alice.send('after carol left');
  await bob.sees('after carol left');
  assert.ok(!(await carol.bodies()).includes('after carol left'), 'a removed member got a message sent after the removal');

  await alice.page.getByRole('button', { name: 'Group', exact: true }).click();
  await alice.page.getByLabel('Add a member').fill('carol');
  await alice.page.getByRole('button', { name: 'Add', exact: true }).click();
  await until('carol back in the member list', async () => (await alice.page.locator('.members li').count()) === 3);
  await alice.page.getByRole('button', { name: 'Close' }).click();
  await carol.chatItem('Climbing trip').waitFor();

  await bob.page.getByRole('button', { name: 'Group', exact: true }).click();
  await bob.page.getByRole('button', { name: 'Leave group' }).click();
  await until('bob out of the group on alice\'s page', async () =>
    (await alice.page.locator('.conversation-subtitle').textContent()) === 'Alice Liddell, Carol');
  await until('the group gone from bob\'s list', async () => (await bob.chatItem('Climbing trip').count()) === 0);
  noErrors(alice, bob, carol);
});

test('a page whose network is cut comes back and shows all 20 messages sent meanwhile, in order, none twice', async () => {
  const [alice, bob] = people;
  await alice.openChat('Bob Builder');
  await bob.openChat('Alice Liddell');
  const before = (await alice.bodies()).length;
  await alice.context.setOffline(true);
  await alice.page.locator('.connection[data-state="offline"]').waitFor();
  await alice.screenshot('offline');
  const sent = Array.from({ length: 20 }, (_, i) => `while you were away ${String(i + 1).padStart(2, '0')}`);
  for (const text of sent) await bob.send(text);
  await until('bob\'s 20 sends accepted', async () => (await bob.page.locator('.message.mine', { hasText: 'while you were away' })
    .locator('.state[data-state="sent"]').count()) === 20);
  await alice.context.setOffline(false);
  await alice.connected();
  await alice.sees(sent.at(-1));
  const bodies = await alice.bodies();
  assert.deepEqual(bodies.slice(before), sent);
  assert.equal(new Set(bodies).size, bodies.length, 'a message shown twice');
  noErrors(alice, bob);
});

test('the server restarts: pages reconnect by themselves, and a message typed while it was down is sent once', async () => {
  const [alice, bob] = people;
  await server.stop();
  await alice.page.locator('.connection[data-state="offline"]').waitFor();
  await alice.send('typed while the server was down');
  await alice.page.locator('.message.mine .state[data-state="sending"]').waitFor();
  await server.launch();
  await alice.connected();
  await bob.connected();
  await bob.sees('typed while the server was down');
  await alice.page.locator('.message.mine', { hasText: 'typed while the server was down' })
    .locator('.state[data-state="sent"]').waitFor();
  await bob.send('welcome back');
  await alice.sees('welcome back');
  const bodies = await bob.bodies();
  assert.equal(bodies.filter((b) => b === 'typed while the server was down').length, 1);
  noErrors(alice, bob);
});

test('scroll-back loads older pages of history, oldest first, down to the first message', async () => {
  // 130 messages from dave to eve, sent over REST before eve opens the page on a new device
  const account = async (name) => {
    await server.api('POST', '/api/auth/signup', { username: name, password: `${name}-password`, displayName: name[0].toUpperCase() + name.slice(1) });
    return (await server.api('POST', '/api/auth/token', { username: name, password: `${name}-password` })).access_token;
  };
  const dave = await account('dave');
  await account('eve');
  const eveUser = await server.api('GET', '/api/users?username=eve', undefined, dave);
  const chat = await server.api('POST', '/api/chats/direct', { userId: eveUser.id }, dave);
  const texts = Array.from({ length: 130 }, (_, i) => `history ${String(i + 1).padStart(3, '0')}`);
  for (const [i, body] of texts.entries()) {
    await server.api('POST', `/api/chats/${chat.id}/messages`, { clientMessageId: `h-${i}`, body }, dave);
  }
  const eve = await person('eve');
  await eve.logIn();
  await eve.openChat('Dave');
  await eve.sees('history 130');
  assert.deepEqual(await eve.bodies(), texts.slice(80), 'the newest page first');
  for (const shown of [100, 130]) {
    await eve.page.locator('.scroller').evaluate((el) => { el.scrollTop = 0; });
    await until(`${shown} messages shown`, async () => (await eve.bodies()).length === shown);
  }
  assert.deepEqual(await eve.bodies(), texts);
  assert.equal(await eve.page.getByRole('button', { name: 'Load older messages' }).isHidden(), true);
  noErrors(eve);
});

test('a message the server refuses shows why, and offers a retry only where one can help', async () => {
  const [alice] = people;
  await alice.openChat('Bob Builder');
  await alice.send('😀'.repeat(1100)); // 4,400 bytes of UTF-8: over the 4,096-byte limit
  const failed = alice.page.locator('.message.mine .state[data-state="failed"]');
  await failed.waitFor();
  assert.match(await failed.textContent(), /Not sent: the body is 4400 bytes/);
  assert.equal(await failed.getByRole('button', { name: 'Retry' }).count(), 0);
  noErrors(alice);
});

test('a send the server refuses for a while can be retried: it is then stored once', async () => {
  // the page's WebSocket goes through a route that answers the first send of "refused once" with the
  // server's rate_limited error instead of passing it on, as the gateway does past its send rate
  const [, bob] = people;
  const alice = await Person.open(browser, server, 'alice');
  people.push(alice);
  let refused = 0;
  await alice.context.routeWebSocket(/\/ws/, (page) => {
    const gateway = page.connectToServer();
    page.onMessage((message) => {
      const frame = JSON.parse(message);
      if (frame.type === 'send' && frame.body === 'refused once' && refused === 0) {
        refused += 1;
        page.send(JSON.stringify({ type: 'error', id: frame.id, code: 'rate_limited', message: 'too many messages; slow down' }));
        return;
      }
      gateway.send(message);
    });
  });
  await alice.logIn();
  await alice.openChat('Bob Builder');
  await alice.send('refused once');
  const failed = alice.page.locator('.message.mine', { hasText: 'refused once' }).locator('.state[data-state="failed"]');
  await failed.waitFor();
  assert.match(await failed.textContent(), /Not sent: too many messages; slow down/);
  await failed.getByRole('button', { name: 'Retry' }).click();
  await alice.page.locator('.message.mine', { hasText: 'refused once' }).locator('.state[data-state="sent"]').waitFor();
  await bob.sees('refused once');
  assert.equal((await bob.bodies()).filter((b) => b === 'refused once').length, 1);
  assert.equal(refused, 1);
  await alice.close();
  noErrors(alice, bob);
});

test('every tab is a device of its own: both get messages live, and a reload keeps the device', async () => {
  const [alice, bob] = people;
  const second = await alice.context.newPage();
  await second.goto(server.url + '/');
  await second.locator('.connection[data-state="online"]').waitFor();
  const deviceOf = (page) => page.evaluate(() => Object.entries(sessionStorage).find(([k]) => k.startsWith('chat.device.'))?.[1]);
  const first = await deviceOf(alice.page);
  assert.notEqual(await deviceOf(second), first);
  await second.locator('.chat-item', { hasText: 'Bob Builder' }).click();
  await bob.send('to both tabs');
  await alice.sees('to both tabs');
  await second.locator('.messages .message .body', { hasText: 'to both tabs' }).waitFor();
  await alice.page.reload();
  await alice.connected();
  assert.equal(await deviceOf(alice.page), first);
  await second.close();
});

test('notifications: where the browser has no push service, the page says so and keeps working', async () => {
  // headless Chromium here reaches no push service (no network): subscribing fails, as it would on a
  // browser without one; the page must say why, not break
  const [alice, bob] = people;
  await alice.openChat('Bob Builder');
  await alice.context.grantPermissions(['notifications'], { origin: server.url });
  await alice.page.getByRole('button', { name: 'Notifications' }).click();
  await until('an answer about notifications', async () => /Notifications/.test(await alice.page.locator('.problem').textContent()));
  await bob.send('still chatting');
  await alice.sees('still chatting');
  noErrors(alice, bob);
});

test('a phone-sized screen shows the list, then the conversation with a way back', async () => {
  const phone = await Person.open(browser, server, 'alice', { viewport: { width: 390, height: 780 } });
  people.push(phone);
  await phone.logIn();
  assert.equal(await phone.page.locator('.conversation').isHidden(), true);
  await phone.screenshot('phone-chats');
  await phone.openChat('Bob Builder');
  assert.equal(await phone.page.locator('.sidebar').isHidden(), true);
  await phone.screenshot('phone-conversation');
  await phone.page.getByRole('button', { name: 'Back to chats' }).click();
  await phone.page.locator('.sidebar').waitFor();
  noErrors(phone);
});
