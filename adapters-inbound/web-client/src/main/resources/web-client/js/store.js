// What the page knows: the chats with their messages, the users it has looked up, presence, and
// this device's outgoing messages. Views read it and re-render on its `change` events.

export const NEWEST = Number.MAX_SAFE_INTEGER; // `before` for a chat's newest page

export class ChatStore extends EventTarget {
  constructor(me) {
    super();
    this.me = me;
    this.chats = new Map(); // chat id -> chat state (below)
    this.users = new Map([[me.id, me]]);
    this.presence = new Map(); // user id -> {online, lastSeen}
    this.openChatId = null;
  }

  changed(what, chatId = null) {
    this.dispatchEvent(new CustomEvent('change', { detail: { what, chatId } }));
  }

  chat(chatId) {
    let chat = this.chats.get(chatId);
    if (!chat) {
      chat = {
        id: chatId, view: null, lastMessage: null, unread: 0, acknowledged: 0,
        messages: new Map(), // message id or client id (while sending) -> message
        loaded: false, previous: null, loadingOlder: false, removed: false,
      };
      this.chats.set(chatId, chat);
    }
    return chat;
  }

  /** The chat list from `GET /api/chats` (most recent first). */
  setSummaries(summaries) {
    const seen = new Set();
    for (const summary of summaries) {
      const chat = this.chat(summary.chat.id);
      seen.add(chat.id);
      chat.view = summary.chat;
      chat.removed = false;
      chat.acknowledged = Math.max(chat.acknowledged, summary.acknowledged);
      if (summary.lastMessage) this.noteLast(chat, normalize(summary.lastMessage));
      // the server counts what this device has not acknowledged; the open chat is read as it comes
      chat.unread = this.openChatId === chat.id ? 0 : summary.unread;
    }
    for (const chat of this.chats.values()) {
      if (!seen.has(chat.id) && chat.view) chat.removed = true;
    }
    this.changed('chats');
  }

  setChatView(view) {
    this.chat(view.id).view = view;
    this.changed('chats', view.id);
  }

  noteLast(chat, message) {
    if (!chat.lastMessage || (message.position ?? Infinity) >= (chat.lastMessage.position ?? Infinity)) {
      chat.lastMessage = message;
    }
  }

  /** A message frame (live or replayed) or an element of a history page. */
  addMessage(frame, { live = true } = {}) {
    const message = normalize(frame);
    const chat = this.chat(message.chatId);
    if (chat.messages.has(message.messageId)) return { chat, isNew: false };
    // our own send seen again (a replay, or the echo to another of our devices): it replaces the local copy
    const local = chat.messages.get('local:' + message.clientMessageId);
    if (local && message.senderId === this.me.id) chat.messages.delete('local:' + message.clientMessageId);
    chat.messages.set(message.messageId, message);
    this.noteLast(chat, message);
    const isNew = live && message.position > chat.acknowledged && message.senderId !== this.me.id;
    if (isNew && this.openChatId !== chat.id) chat.unread += 1;
    this.changed('messages', chat.id);
    return { chat, isNew };
  }

  addHistory(chatId, page) {
    const chat = this.chat(chatId);
    for (const frame of page.messages || []) {
      const message = normalize(frame);
      if (!chat.messages.has(message.messageId)) chat.messages.set(message.messageId, message);
      this.noteLast(chat, message);
    }
    chat.previous = page.previous ?? null;
    chat.loaded = true;
    this.changed('history', chatId);
  }

  /** A message this device is sending: shown at once, with its state. */
  addOutgoing(chatId, clientMessageId, body) {
    const chat = this.chat(chatId);
    const message = {
      key: 'local:' + clientMessageId, messageId: null, chatId, clientMessageId, body,
      senderId: this.me.id, position: null, sentAt: new Date().toISOString(), state: 'sending', error: null,
    };
    chat.messages.set(message.key, message);
    this.changed('messages', chatId);
  }

  accepted(clientMessageId, frame) {
    for (const chat of this.chats.values()) {
      const local = chat.messages.get('local:' + clientMessageId);
      if (!local) continue;
      chat.messages.delete(local.key);
      if (!chat.messages.has(frame.messageId)) {
        const message = { ...local, key: frame.messageId, messageId: frame.messageId, position: frame.position,
          sentAt: frame.sentAt, state: 'sent' };
        chat.messages.set(frame.messageId, message);
        this.noteLast(chat, message);
      }
      this.changed('messages', chat.id);
      return;
    }
  }

  refused(clientMessageId, code, text) {
    for (const chat of this.chats.values()) {
      const local = chat.messages.get('local:' + clientMessageId);
      if (!local) continue;
      local.state = 'failed';
      local.error = { code, text };
      this.changed('messages', chat.id);
      return;
    }
  }

  retrying(chatId, clientMessageId) {
    const local = this.chat(chatId).messages.get('local:' + clientMessageId);
    if (local) {
      local.state = 'sending';
      local.error = null;
      this.changed('messages', chatId);
    }
  }

  /** The chat's messages in order: stored ones by position, then this device's unanswered sends. */
  ordered(chatId) {
    const all = [...this.chat(chatId).messages.values()];
    const stored = all.filter((m) => m.position !== null).sort((a, b) => a.position - b.position);
    return stored.concat(all.filter((m) => m.position === null));
  }

  /** The newest position this device has been sent in a chat (what it may acknowledge). */
  newestReceived(chatId) {
    let newest = 0;
    for (const message of this.chat(chatId).messages.values()) {
      if (message.position !== null && message.received && message.position > newest) newest = message.position;
    }
    return newest;
  }

  markRead(chatId, position) {
    const chat = this.chat(chatId);
    if (position > chat.acknowledged) chat.acknowledged = position;
    chat.unread = 0;
    this.changed('read', chatId);
  }

  setPresence(frame) {
    this.presence.set(frame.userId, { online: frame.online, lastSeen: frame.lastSeen || null });
    this.changed('presence');
  }

  rememberUser(user) {
    this.users.set(user.id, user);
    this.changed('users');
  }

  /** The other member of a direct chat. */
  partner(chat) {
    if (!chat.view || chat.view.kind !== 'direct') return null;
    const other = chat.view.members.find((m) => m.userId !== this.me.id);
    return other ? other.userId : this.me.id;
  }

  /** Chats most recent first (by their last message; chats without one last). */
  list() {
    return [...this.chats.values()].filter((c) => c.view && !c.removed).sort((a, b) => {
      const at = a.lastMessage ? Date.parse(a.lastMessage.sentAt) : 0;
      const bt = b.lastMessage ? Date.parse(b.lastMessage.sentAt) : 0;
      return bt - at;
    });
  }
}

/** REST views name the message id `id`; WebSocket frames name it `messageId`. */
function normalize(frame) {
  return {
    key: frame.messageId || frame.id,
    messageId: frame.messageId || frame.id,
    chatId: frame.chatId,
    position: frame.position,
    senderId: frame.senderId,
    senderDevice: frame.senderDevice,
    clientMessageId: frame.clientMessageId,
    body: frame.body,
    sentAt: frame.sentAt,
    state: 'sent',
    received: true,
  };
}
