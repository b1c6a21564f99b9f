// Dialogs for groups: creating one, and a group's settings (rename, members, leave).

import { h, replaceChildren } from '../dom.js';

function dialog(labelId, ...content) {
  const element = h('dialog', { class: 'panel', 'aria-labelledby': labelId }, ...content);
  element.addEventListener('close', () => element.remove());
  document.body.append(element);
  element.showModal();
  return element;
}

export function openNewGroupDialog(app) {
  const name = h('input', { id: 'group-name', required: true, maxlength: 100 });
  const members = h('input', { id: 'group-members', placeholder: 'bob, carol', autocapitalize: 'none', spellcheck: 'false' });
  const status = h('p', { class: 'form-status', role: 'alert' });
  const form = h('form', { method: 'dialog' },
    h('h2', { id: 'new-group-title' }, 'New group'),
    h('label', { for: 'group-name' }, 'Name'), name,
    h('label', { for: 'group-members' }, 'Members (usernames, separated by commas)'), members,
    status,
    h('div', { class: 'actions' },
      h('button', { type: 'button', value: 'cancel', onclick: () => element.close() }, 'Cancel'),
      h('button', { type: 'submit', class: 'primary' }, 'Create')));
  const element = dialog('new-group-title', form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    const usernames = members.value.split(',').map((u) => u.trim()).filter(Boolean);
    try {
      await app.createGroup(name.value, usernames);
      element.close();
    } catch (e) {
      status.textContent = e.code === 'user_not_found' ? 'One of those usernames belongs to nobody.' : e.message;
    }
  });
  name.focus();
}

export function openGroupSettings(app, chatId) {
  const chat = app.store.chat(chatId);
  const status = h('p', { class: 'form-status', role: 'alert' });
  const members = h('ul', { class: 'members', 'aria-label': 'Members' });
  const rename = h('input', { id: 'rename-group', required: true, maxlength: 100, value: chat.view.name });
  const renameForm = h('form', { class: 'inline' },
    h('label', { for: 'rename-group' }, 'Group name'), rename, h('button', { type: 'submit' }, 'Rename'));
  const newMember = h('input', { id: 'add-member', required: true, placeholder: 'username', autocapitalize: 'none', spellcheck: 'false' });
  const addForm = h('form', { class: 'inline' },
    h('label', { for: 'add-member' }, 'Add a member'), newMember, h('button', { type: 'submit' }, 'Add'));
  const attempt = async (action) => {
    status.textContent = '';
    try {
      await action();
    } catch (e) {
      status.textContent = e.code === 'user_not_found' ? 'Nobody has that username.' : e.message;
    }
  };
  renameForm.addEventListener('submit', (event) => { event.preventDefault(); attempt(() => app.renameGroup(chatId, rename.value)); });
  addForm.addEventListener('submit', (event) => {
    event.preventDefault();
    attempt(async () => { await app.addMember(chatId, newMember.value); newMember.value = ''; });
  });
  const render = () => {
    const admin = app.isAdmin(chat);
    renameForm.hidden = !admin;
    addForm.hidden = !admin;
    replaceChildren(members, chat.view.members.map((member) => h('li', {},
      h('span', { class: 'member-name' }, app.nameOf(member.userId), member.userId === app.me.id ? ' (you)' : ''),
      member.role === 'admin' ? h('span', { class: 'role' }, 'admin') : null,
      admin && member.userId !== app.me.id
        ? h('button', { type: 'button', class: 'remove', 'aria-label': `Remove ${app.nameOf(member.userId)}`,
          onclick: () => attempt(() => app.removeMember(chatId, member.userId)) }, 'Remove')
        : null)));
  };
  const element = dialog('group-settings-title',
    h('h2', { id: 'group-settings-title' }, 'Group settings'),
    renameForm, members, addForm, status,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'danger', onclick: () => attempt(async () => { await app.leaveGroup(chatId); element.close(); }) }, 'Leave group'),
      h('button', { type: 'button', onclick: () => element.close() }, 'Close')));
  const onChange = (event) => {
    if (event.detail.chatId === chatId || event.detail.what === 'users') render();
    if (chat.removed) element.close();
  };
  app.store.addEventListener('change', onChange);
  element.addEventListener('close', () => app.store.removeEventListener('change', onChange));
  render();
}
