// The logged-in page's behaviour: wires the REST API, the gateway connection and the store, and
// decides when to acknowledge, what to subscribe to and when to refresh. Views call its methods.

import { GatewayConnection } from './connection.js';
import { ChatStore, NEWEST } from './store.js';

const PAGE = 50;
const MAX_USERS_PER_SUBSCRIBE = 256;

export class ChatApp extends EventTarget {
  constructor({ config, api, me, device, token, onSignedOut }) {
    super();
    this.config = config;
    this.api = api;
    this.device = device;
    this.onSignedOut = onSignedOut;
    this.store = new ChatStore(me);
    this.subscribed = new Set();
    this.refreshing = null;
    this.connection = new GatewayConnection({
      url: gatewayUrl(config), device: device.id, token, heartbeatSeconds: config.heartbeatIntervalSeconds,
    });
    this.connection.addEventListener('frame', (e) => this.onFrame(e.detail.frame));
    this.connection.addEventListener('accepted', (e) => this.store.accepted(e.detail.id, e.detail.frame));
    this.connection.addEventListener('refused', (e) => this.store.refused(e.detail.id, e.detail.code, e.detail.message));
    this.connection.addEventListener('state', (e) => this.onState(e.detail));
    this.connection.addEventListener('unauthorized', (e) => this.onSignedOut(`Your session has ended (${e.detail.reason}); please log in again.`));
    this.onVisible = () => { if (document.visibilityState === 'visible') this.acknowledgeOpenChat(); };
  }

  get me() {
    return this.store.me;
  }

  async start() {
    document.addEventListener('visibilitychange', this.onVisible);
    if (this.device.fresh) await this.startAtTheEnd();
    await this.refreshChats();
    this.connection.start();
  }

  stop() {
    document.removeEventListener('visibilitychange', this.onVisible);
    this.connection.stop();
  }

  /**
   * A new device (a new tab) would otherwise be replayed every chat from its beginning: it starts
   * after each chat's last message instead, and reads older ones as history when a chat is opened.
   */
  async startAtTheEnd() {
    const summaries = await this.api.chats(this.device.id);
    await Promise.all(summaries.filter((s) => s.lastMessage)
      .map((s) => this.api.moveOffset(s.chat.id, this.device.id, s.lastMessage.position).catch(() => {})));
  }

  onState({ state, retryAt }) {
    this.connectionState = { state, retryAt };
    this.dispatchEvent(new CustomEvent('connection', { detail: this.connectionState }));
    if (state === 'online') {
      // chat events are not replayed: what changed while away is read again
      this.subscribed.clear();
      this.refreshChats();
    }
  }

  onFrame(frame) {
    switch (frame.type) {
      case 'message': {
        const { chat } = this.store.addMessage(frame);
        if (!chat.view) this.refreshChats();
        if (chat.id === this.store.openChatId) this.acknowledgeOpenChat();
        break;
      }
      case 'chat.event':
        this.onChatEvent(frame);
        break;
      case 'presence':
        this.store.setPresence(frame);
        break;
      default:
        break;
    }
  }

  async onChatEvent(event) {
    if (event.userId === this.me.id && (event.change === 'member_removed' || event.change === 'member_left')) {
      const chat = this.store.chat(event.chatId);
      chat.removed = true;
      this.store.changed('chats', event.chatId);
    }
    await this.refreshChats();
    if (event.change === 'member_added') this.ensureUser(event.userId);
  }

  /** Reads the chat list again (coalesced: one request at a time, one more if asked meanwhile). */
  refreshChats() {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.refreshAgain = false;
          const summaries = await this.api.chats(this.device.id);
          this.store.setSummaries(summaries);
          const members = new Set(summaries.flatMap((s) => s.chat.members.map((m) => m.userId)));
          await Promise.all([...members].map((id) => this.ensureUser(id)));
          this.subscribePresence([...members].filter((id) => id !== this.me.id));
        } while (this.refreshAgain);
      } catch (e) {
        this.report(e);
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  subscribePresence(users) {
    const fresh = users.filter((id) => !this.subscribed.has(id));
    for (let i = 0; i < fresh.length; i += MAX_USERS_PER_SUBSCRIBE) {
      const batch = fresh.slice(i, i + MAX_USERS_PER_SUBSCRIBE);
      if (this.connection.write({ type: 'presence.subscribe', users: batch })) batch.forEach((id) => this.subscribed.add(id));
    }
  }

  async ensureUser(userId) {
    if (this.store.users.has(userId)) return this.store.users.get(userId);
    try {
      const user = await this.api.user(userId);
      this.store.rememberUser(user);
      return user;
    } catch {
      return null;
    }
  }

  nameOf(userId) {
    const user = this.store.users.get(userId);
    return user ? (user.displayName || user.username) : '…';
  }

  titleOf(chat) {
    if (!chat.view) return '…';
    if (chat.view.kind === 'group') return chat.view.name;
    const partner = this.store.partner(chat);
    return partner === this.me.id ? `${this.nameOf(partner)} (you)` : this.nameOf(partner);
  }

  async openChat(chatId) {
    this.store.openChatId = chatId;
    const chat = this.store.chat(chatId);
    chat.unread = 0;
    this.store.changed('open', chatId);
    if (!chat.loaded) await this.loadOlder(chatId, NEWEST);
    this.acknowledgeOpenChat();
  }

  closeChat() {
    this.store.openChatId = null;
    this.store.changed('open');
  }

  /** The page of messages before the oldest shown (or the newest page), oldest first. */
  async loadOlder(chatId, before = this.store.chat(chatId).previous) {
    const chat = this.store.chat(chatId);
    if (chat.loadingOlder || before === null || before === undefined) return;
    chat.loadingOlder = true;
    this.store.changed('loading', chatId);
    try {
      this.store.addHistory(chatId, await this.api.messagesBefore(chatId, before, PAGE));
    } catch (e) {
      this.report(e);
    } finally {
      chat.loadingOlder = false;
      this.store.changed('loading', chatId);
    }
  }

  /** What is on screen is read: the open chat's newest received message is acknowledged. */
  acknowledgeOpenChat() {
    const chatId = this.store.openChatId;
    if (!chatId || document.visibilityState !== 'visible') return;
    const chat = this.store.chat(chatId);
    const newest = this.store.newestReceived(chatId);
    if (newest > chat.acknowledged && this.connection.write({ type: 'ack', chatId, position: newest })) {
      this.store.markRead(chatId, newest);
    } else if (chat.unread) {
      chat.unread = 0;
      this.store.changed('read', chatId);
    }
  }

  send(chatId, body) {
    const id = `${this.device.id}:${Date.now().toString(36)}${randomHex(4)}`;
    this.store.addOutgoing(chatId, id, body);
    this.connection.send(id, chatId, body);
  }

  /** Sends a failed message again with the same id: the server stores it at most once. */
  retry(chatId, clientMessageId) {
    const local = this.store.chat(chatId).messages.get('local:' + clientMessageId);
    if (!local) return;
    this.store.retrying(chatId, clientMessageId);
    this.connection.send(clientMessageId, chatId, local.body);
  }

  async openDirectWith(username) {
    const user = await this.api.userByName(username.trim().replace(/^@/, ''));
    this.store.rememberUser(user);
    const view = await this.api.openDirect(user.id);
    this.store.setChatView(view);
    await this.refreshChats();
    await this.openChat(view.id);
  }

  async createGroup(name, usernames) {
    const users = await Promise.all(usernames.map((u) => this.api.userByName(u.trim().replace(/^@/, ''))));
    users.forEach((u) => this.store.rememberUser(u));
    const view = await this.api.createGroup(name, users.map((u) => u.id));
    this.store.setChatView(view);
    await this.refreshChats();
    await this.openChat(view.id);
  }

  async renameGroup(chatId, name) {
    this.store.setChatView(await this.api.renameGroup(chatId, name));
  }

  async addMember(chatId, username) {
    const user = await this.api.userByName(username.trim().replace(/^@/, ''));
    this.store.rememberUser(user);
    this.store.setChatView(await this.api.addMember(chatId, user.id));
    this.subscribePresence([user.id]);
  }

  async removeMember(chatId, userId) {
    this.store.setChatView(await this.api.removeMember(chatId, userId));
  }

  async leaveGroup(chatId) {
    await this.api.leaveGroup(chatId);
    this.store.chat(chatId).removed = true;
    this.closeChat();
    await this.refreshChats();
  }

  isAdmin(chat) {
    return !!chat.view?.members.find((m) => m.userId === this.me.id && m.role === 'admin');
  }

  /** Web Push for this device, where the browser offers it; answers what happened, for the page to say. */
  async enablePush() {
    if (!('serviceWorker' in navigator) || !('PushManager' in window)) return 'This browser offers no push notifications here.';
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') return 'Notifications were not allowed.';
    const registration = await navigator.serviceWorker.register('/sw.js');
    const { applicationServerKey } = await this.api.webPushKey();
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true, applicationServerKey: fromBase64url(applicationServerKey),
    });
    await this.api.registerWebPush(this.device.id, subscription.toJSON());
    return 'Notifications are on for this tab while it is closed.';
  }

  report(error) {
    this.dispatchEvent(new CustomEvent('problem', { detail: { message: error.message, code: error.code } }));
  }
}

export function gatewayUrl(config) {
  if (config.gatewayUrl) return config.gatewayUrl;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.hostname}:${config.gatewayPort}${config.gatewayPath}`;
}

function randomHex(bytes) {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromBase64url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}
