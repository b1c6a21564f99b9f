// One chat: its messages with day separators, older pages on scrolling up, each own message's
// state, and the composer (Enter sends, Shift+Enter breaks the line).

import { h, replaceChildren } from '../dom.js';
import { dayKey, dayLabel, fullTimeOf, lastSeenText, timeOf } from '../format.js';

const RETRYABLE = new Set(['rate_limited', 'internal_error', 'timeout']);

export class ConversationView {
  constructor(app, { onBack, onGroupSettings }) {
    this.app = app;
    this.title = h('h2', { class: 'conversation-title', id: 'conversation-title' });
    this.subtitle = h('p', { class: 'conversation-subtitle', 'aria-live': 'polite' });
    this.settings = h('button', { type: 'button', class: 'group-settings', onclick: onGroupSettings }, 'Group');
    this.older = h('button', { type: 'button', class: 'load-older', onclick: () => this.loadOlder() }, 'Load older messages');
    this.messages = h('ol', { class: 'messages', role: 'log', 'aria-labelledby': 'conversation-title', tabindex: '0' });
    this.scroller = h('div', { class: 'scroller' }, this.older, this.messages);
    this.scroller.addEventListener('scroll', () => {
      if (this.scroller.scrollTop < 40) this.loadOlder();
    });
    this.input = h('textarea', { id: 'composer-input', rows: 1, maxlength: 4096, placeholder: 'Message',
      'aria-describedby': 'composer-hint', enterkeyhint: 'send' });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => this.fit());
    this.composer = h('form', { class: 'composer', onsubmit: (event) => { event.preventDefault(); this.submit(); } },
      h('label', { for: 'composer-input', class: 'visually-hidden' }, 'Message'),
      this.input,
      h('span', { id: 'composer-hint', class: 'visually-hidden' }, 'Enter sends; Shift and Enter starts a new line.'),
      h('button', { type: 'submit', class: 'primary' }, 'Send'));
    this.removedNote = h('p', { class: 'removed-note', role: 'status' });
    this.element = h('section', { class: 'conversation', 'aria-labelledby': 'conversation-title' },
      h('header', { class: 'conversation-header' },
        h('button', { type: 'button', class: 'back', onclick: onBack, 'aria-label': 'Back to chats' }, '‹'),
        h('div', { class: 'conversation-names' }, this.title, this.subtitle),
        this.settings),
      this.scroller, this.removedNote, this.composer);
    this.shownChat = null;
    this.renderedCount = 0;
  }

  submit() {
    const body = this.input.value;
    const chatId = this.app.store.openChatId;
    if (!chatId || body.trim() === '') return;
    this.app.send(chatId, body);
    this.input.value = '';
    this.fit();
    this.stickToBottom = true;
  }

  fit() {
    this.input.style.height = 'auto';
    this.input.style.height = Math.min(this.input.scrollHeight, 160) + 'px';
  }

  loadOlder() {
    const chatId = this.app.store.openChatId;
    if (!chatId) return;
    const chat = this.app.store.chat(chatId);
    if (chat.previous === null || chat.loadingOlder || !chat.loaded) return;
    this.anchorFromBottom = this.scroller.scrollHeight - this.scroller.scrollTop;
    this.app.loadOlder(chatId);
  }

  render() {
    const { store } = this.app;
    const chatId = store.openChatId;
    if (!chatId) {
      this.element.hidden = true;
      return;
    }
    this.element.hidden = false;
    const chat = store.chat(chatId);
    const switched = this.shownChat !== chatId;
    if (switched) {
      this.shownChat = chatId;
      this.stickToBottom = true;
      this.input.value = '';
    }
    this.title.textContent = this.app.titleOf(chat);
    const partner = store.partner(chat);
    if (chat.view?.kind === 'group') {
      this.subtitle.textContent = chat.view.members.map((m) => this.app.nameOf(m.userId)).join(', ');
    } else {
      this.subtitle.textContent = partner && partner !== store.me.id ? lastSeenText(store.presence.get(partner)) : '';
    }
    this.settings.hidden = chat.view?.kind !== 'group' || chat.removed;
    this.removedNote.textContent = chat.removed ? 'You are no longer a member of this group.' : '';
    this.composer.hidden = chat.removed;
    this.older.hidden = !chat.loaded || chat.previous === null;
    this.older.disabled = chat.loadingOlder;
    this.older.textContent = chat.loadingOlder ? 'Loading…' : 'Load older messages';

    const atBottom = this.scroller.scrollHeight - this.scroller.scrollTop - this.scroller.clientHeight < 40;
    // kept until the older page is in: the view then stays on the message the reader was looking at
    const anchor = chat.loadingOlder ? null : this.anchorFromBottom;
    if (!chat.loadingOlder) this.anchorFromBottom = null;
    replaceChildren(this.messages, this.items(chatId, chat));
    if (anchor) {
      this.scroller.scrollTop = this.scroller.scrollHeight - anchor; // older page above: the view stays put
    } else if (switched || atBottom || this.stickToBottom) {
      this.scroller.scrollTop = this.scroller.scrollHeight;
    }
    this.stickToBottom = false;
  }

  items(chatId, chat) {
    const { store } = this.app;
    const items = [];
    let day = null;
    for (const message of store.ordered(chatId)) {
      const key = dayKey(message.sentAt);
      if (key !== day) {
        day = key;
        items.push(h('li', { class: 'day', role: 'separator' }, dayLabel(message.sentAt)));
      }
      items.push(this.item(chat, message));
    }
    if (items.length === 0 && chat.loaded) items.push(h('li', { class: 'empty' }, 'No messages yet. Say hello.'));
    return items;
  }

  item(chat, message) {
    const mine = message.senderId === this.app.me.id;
    const sender = chat.view?.kind === 'group' && !mine ? h('span', { class: 'sender' }, this.app.nameOf(message.senderId)) : null;
    let state = null;
    if (mine) {
      if (message.state === 'sending') state = h('span', { class: 'state', 'data-state': 'sending' }, 'Sending…');
      else if (message.state === 'failed') {
        // a refusal for the message itself (too long, not a member) would only be refused again
        const retryable = RETRYABLE.has(message.error?.code);
        state = h('span', { class: 'state', 'data-state': 'failed' },
          `Not sent${message.error?.text ? ': ' + message.error.text : ''}. `,
          retryable ? h('button', { type: 'button', class: 'retry', onclick: () => this.app.retry(chat.id, message.clientMessageId) }, 'Retry') : null);
      } else state = h('span', { class: 'state', 'data-state': 'sent', 'aria-label': 'sent' }, '✓');
    }
    return h('li', {
      class: mine ? 'message mine' : 'message',
      dataset: { position: message.position ?? '', messageId: message.messageId ?? '' },
    },
    sender,
    h('p', { class: 'body' }, message.body),
    h('span', { class: 'meta' },
      h('time', { datetime: message.sentAt, title: fullTimeOf(message.sentAt) }, timeOf(message.sentAt)),
      state));
  }

  focus() {
    this.input.focus();
  }
}
