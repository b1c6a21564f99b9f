// The sidebar: start a direct chat or a group, and the chats, most recent first, each with its
// last message, unread count and (for a direct chat) the other person's presence.

import { h, replaceChildren } from '../dom.js';
import { whenShort } from '../format.js';

export class ChatListView {
  constructor(app, { onOpen, onNewGroup }) {
    this.app = app;
    this.onOpen = onOpen;
    this.list = h('ul', { class: 'chat-list', 'aria-label': 'Chats' });
    const username = h('input', { id: 'direct-username', name: 'username', placeholder: 'username', required: true,
      autocapitalize: 'none', spellcheck: 'false' });
    this.directStatus = h('p', { class: 'form-status', role: 'alert' });
    const direct = h('form', { class: 'new-direct' },
      h('label', { for: 'direct-username' }, 'Chat with'), username,
      h('button', { type: 'submit' }, 'Open'));
    direct.addEventListener('submit', async (event) => {
      event.preventDefault();
      this.directStatus.textContent = '';
      try {
        await app.openDirectWith(username.value);
        username.value = '';
        this.onOpen();
      } catch (e) {
        this.directStatus.textContent = e.code === 'user_not_found' ? `Nobody is called ${username.value}.` : e.message;
      }
    });
    this.element = h('nav', { class: 'sidebar', 'aria-label': 'Chats' },
      direct, this.directStatus,
      h('button', { type: 'button', class: 'new-group', onclick: onNewGroup }, 'New group'),
      this.list);
  }

  render() {
    const { store } = this.app;
    const chats = store.list();
    if (chats.length === 0) {
      replaceChildren(this.list, h('li', { class: 'empty' }, 'No chats yet. Open one with a username above.'));
      return;
    }
    replaceChildren(this.list, chats.map((chat) => this.item(chat)));
  }

  item(chat) {
    const { store } = this.app;
    const partner = store.partner(chat);
    const presence = partner && partner !== store.me.id ? store.presence.get(partner) : null;
    const last = chat.lastMessage;
    const preview = last
      ? `${last.senderId === store.me.id ? 'You: ' : chat.view.kind === 'group' ? this.app.nameOf(last.senderId) + ': ' : ''}${last.body}`
      : chat.view.kind === 'group' ? 'Group created' : 'No messages yet';
    const title = this.app.titleOf(chat);
    const unread = chat.unread > 0 ? h('span', { class: 'unread', 'aria-label': `${chat.unread} unread` }, chat.unread > 999 ? '999+' : chat.unread) : null;
    const dot = partner ? h('span', {
      class: 'presence-dot', 'data-online': presence?.online ? 'true' : 'false',
      role: 'img', 'aria-label': presence?.online ? 'online' : 'offline',
    }) : h('span', { class: 'group-mark', 'aria-hidden': 'true' }, '#');
    return h('li', {},
      h('button', {
        type: 'button', class: 'chat-item', 'aria-current': store.openChatId === chat.id ? 'true' : null,
        dataset: { chatId: chat.id },
        onclick: async () => { await this.app.openChat(chat.id); this.onOpen(); },
      },
      dot,
      h('span', { class: 'chat-title' }, title),
      h('span', { class: 'chat-when' }, last ? whenShort(last.sentAt) : ''),
      h('span', { class: 'chat-preview' }, preview),
      unread));
  }
}
