// The page's state without a browser (Node runs the same ES module): what is shown, in which order,
// once each, and what counts as unread.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatStore } from '../../main/resources/web-client/js/store.js';

const me = { id: 'u-me', username: 'me', displayName: 'Me' };
const chatId = 'c-1';
const frame = (position, senderId, clientMessageId = `x-${position}`) => ({
  type: 'message', chatId, messageId: `m-${position}`, position, senderId, senderDevice: 'd',
  clientMessageId, body: `body ${position}`, sentAt: new Date(Date.UTC(2026, 11, 7, 9, 0, position)).toISOString(),
});
const summary = (unread, acknowledged, last) => ({
  chat: { id: chatId, kind: 'direct', name: null, members: [{ userId: me.id, role: 'member' }, { userId: 'u-bob', role: 'member' }] },
  lastMessage: last ? { ...last, id: last.messageId } : null, unread, acknowledged,
});

test('a message arriving twice (replayed after a reconnect) is shown once', () => {
  const store = new ChatStore(me);
  store.addMessage(frame(5, 'u-bob'));
  store.addMessage(frame(5, 'u-bob'));
  assert.deepEqual(store.ordered(chatId).map((m) => m.position), [5]);
});

test('an own message: sending, then accepted, then seen again as a message frame, is one message', () => {
  const store = new ChatStore(me);
  store.addOutgoing(chatId, 'web-1:a', 'hello');
  assert.equal(store.ordered(chatId)[0].state, 'sending');
  store.accepted('web-1:a', { messageId: 'm-9', position: 9, sentAt: '2026-12-07T09:00:09Z' });
  store.addMessage(frame(9, me.id, 'web-1:a'));
  const shown = store.ordered(chatId);
  assert.equal(shown.length, 1);
  assert.equal(shown[0].state, 'sent');
});

test('stored messages in position order, this device\'s unanswered sends after them', () => {
  const store = new ChatStore(me);
  store.addOutgoing(chatId, 'web-1:b', 'pending');
  store.addMessage(frame(20, 'u-bob'));
  store.addHistory(chatId, { messages: [frame(3, 'u-bob'), frame(7, me.id)].map((f) => ({ ...f, id: f.messageId })), previous: 3 });
  assert.deepEqual(store.ordered(chatId).map((m) => m.position), [3, 7, 20, null]);
  assert.equal(store.chat(chatId).previous, 3);
});

test('unread: the server\'s count, live messages from others added until the chat is read', () => {
  const store = new ChatStore(me);
  store.setSummaries([summary(2, 10, frame(12, 'u-bob'))]);
  assert.equal(store.chat(chatId).unread, 2);
  store.addMessage(frame(13, 'u-bob'));
  store.addMessage(frame(14, me.id));
  assert.equal(store.chat(chatId).unread, 3, 'one more from bob, none for my own');
  store.markRead(chatId, 14);
  assert.equal(store.chat(chatId).unread, 0);
  assert.equal(store.chat(chatId).acknowledged, 14);
});

test('what may be acknowledged: the newest message received, not the position of an own accepted send', () => {
  const store = new ChatStore(me);
  store.addMessage(frame(4, 'u-bob'));
  store.addOutgoing(chatId, 'web-1:c', 'mine');
  store.accepted('web-1:c', { messageId: 'm-8', position: 8, sentAt: '2026-12-07T09:00:08Z' });
  assert.equal(store.newestReceived(chatId), 4);
});

test('a refused send is failed with its reason, and a retry makes it sending again', () => {
  const store = new ChatStore(me);
  store.addOutgoing(chatId, 'web-1:d', 'x');
  store.refused('web-1:d', 'rate_limited', 'too many messages; slow down');
  assert.deepEqual(store.ordered(chatId)[0].error, { code: 'rate_limited', text: 'too many messages; slow down' });
  store.retrying(chatId, 'web-1:d');
  assert.equal(store.ordered(chatId)[0].state, 'sending');
});

test('the chat list is most recent first, and a chat the server no longer lists is left out', () => {
  const store = new ChatStore(me);
  const other = { ...summary(0, 0, null), chat: { ...summary(0, 0, null).chat, id: 'c-2' } };
  store.setSummaries([summary(0, 0, frame(1, 'u-bob')), other]);
  store.addMessage({ ...frame(50, 'u-bob'), chatId: 'c-2', messageId: 'm-c2' });
  assert.deepEqual(store.list().map((c) => c.id), ['c-2', chatId]);
  store.setSummaries([summary(0, 0, frame(1, 'u-bob'))]);
  assert.deepEqual(store.list().map((c) => c.id), [chatId]);
  assert.equal(store.partner(store.chat(chatId)), 'u-bob');
});
