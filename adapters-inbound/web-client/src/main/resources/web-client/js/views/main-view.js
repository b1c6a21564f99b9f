// The logged-in page: a top bar (who, the connection's state, notifications, log out), the chat
// list and the open conversation; on a narrow screen one of the two at a time.

import { h } from '../dom.js';
import { ChatListView } from './chat-list-view.js';
import { ConversationView } from './conversation-view.js';
import { openGroupSettings, openNewGroupDialog } from './group-views.js';

const STATES = {
  connecting: 'Connecting…',
  'catching-up': 'Catching up…',
  online: 'Connected',
  offline: 'Offline',
  replaced: 'Opened on this device elsewhere',
  stopped: 'Disconnected',
};

export class MainView {
  constructor(app, { onLogOut }) {
    this.app = app;
    this.list = new ChatListView(app, {
      onOpen: () => this.showConversation(),
      onNewGroup: () => openNewGroupDialog(app),
    });
    this.conversation = new ConversationView(app, {
      onBack: () => { app.closeChat(); this.showList(); },
      onGroupSettings: () => openGroupSettings(app, app.store.openChatId),
    });
    this.connection = h('span', { class: 'connection', role: 'status', 'data-state': 'connecting' }, STATES.connecting);
    this.problem = h('p', { class: 'problem', role: 'alert' });
    this.placeholder = h('section', { class: 'placeholder' }, h('p', {}, 'Choose a chat, or start one with a username.'));
    this.pushButton = h('button', { type: 'button', class: 'push', onclick: () => this.enablePush() }, 'Notifications');
    if (!('PushManager' in window)) this.pushButton.hidden = true;
    const me = app.me;
    this.element = h('div', { class: 'shell', 'data-pane': 'list' },
      h('header', { class: 'topbar' },
        h('h1', {}, 'Chat'),
        h('span', { class: 'me' }, me.displayName || me.username, h('span', { class: 'username' }, ` @${me.username}`)),
        this.connection,
        this.pushButton,
        h('button', { type: 'button', class: 'log-out', onclick: onLogOut }, 'Log out')),
      this.problem,
      h('div', { class: 'panes' }, this.list.element, this.conversation.element, this.placeholder));
    this.pending = false;
    app.store.addEventListener('change', () => this.schedule());
    app.addEventListener('connection', (e) => this.showConnection(e.detail));
    app.addEventListener('problem', (e) => { this.problem.textContent = e.detail.message; });
    this.schedule();
  }

  /** Renders at most once a frame, however many changes arrive. */
  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      // the open chat went away (left, or closed): a phone shows the list again
      if (!this.app.store.openChatId) this.element.dataset.pane = 'list';
      this.placeholder.hidden = !!this.app.store.openChatId;
      this.list.render();
      this.conversation.render();
    });
  }

  showConnection({ state, retryAt }) {
    this.connection.dataset.state = state;
    clearInterval(this.countdown);
    const label = () => {
      if (state === 'offline' && retryAt) {
        const seconds = Math.max(0, Math.ceil((retryAt - Date.now()) / 1000));
        return `Offline, reconnecting in ${seconds} s`;
      }
      return STATES[state] || state;
    };
    this.connection.textContent = label();
    if (state === 'offline' && retryAt) this.countdown = setInterval(() => { this.connection.textContent = label(); }, 1000);
    if (state === 'online') this.problem.textContent = '';
  }

  showConversation() {
    this.element.dataset.pane = 'conversation';
    this.schedule();
    requestAnimationFrame(() => this.conversation.focus());
  }

  showList() {
    this.element.dataset.pane = 'list';
    this.schedule();
  }

  async enablePush() {
    try {
      this.problem.textContent = await this.app.enablePush();
    } catch (e) {
      this.problem.textContent = `Notifications could not be turned on: ${e.message}`;
    }
  }
}
