// Log in or sign up with the embedded issuer, or log in through the configured OIDC provider.

import { h } from '../dom.js';

export function loginView({ config, notice, onLogIn, onSignUp, onProviderLogIn }) {
  const status = h('p', { class: 'form-status', role: 'alert' }, notice || '');
  const busy = (form, on) => form.querySelectorAll('button, input').forEach((el) => { el.disabled = on; });

  function credentialsForm(kind) {
    const signUp = kind === 'signup';
    const username = h('input', { id: `${kind}-username`, name: 'username', autocomplete: 'username', required: true,
      minlength: signUp ? 3 : 1, maxlength: 32, autocapitalize: 'none', spellcheck: 'false' });
    const password = h('input', { id: `${kind}-password`, name: 'password', type: 'password', required: true,
      minlength: signUp ? 8 : 1, maxlength: 128, autocomplete: signUp ? 'new-password' : 'current-password' });
    const displayName = signUp ? h('input', { id: 'signup-display-name', name: 'displayName', maxlength: 64, autocomplete: 'name' }) : null;
    const form = h('form', { class: 'credentials', 'aria-labelledby': `${kind}-title` },
      h('h2', { id: `${kind}-title` }, signUp ? 'Create an account' : 'Log in'),
      h('label', { for: `${kind}-username` }, 'Username'), username,
      signUp ? h('p', { class: 'hint', id: 'username-hint' }, '3 to 32 of a–z, 0–9, dot, underscore, hyphen') : null,
      signUp ? h('label', { for: 'signup-display-name' }, 'Display name (optional)') : null, displayName,
      h('label', { for: `${kind}-password` }, 'Password'), password,
      signUp ? h('p', { class: 'hint' }, 'At least 8 characters') : null,
      h('button', { type: 'submit', class: 'primary' }, signUp ? 'Sign up' : 'Log in'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      busy(form, true);
      status.textContent = '';
      try {
        if (signUp) await onSignUp(username.value, password.value, displayName.value || null);
        else await onLogIn(username.value, password.value);
      } catch (e) {
        status.textContent = e.message;
        busy(form, false);
      }
    });
    return form;
  }

  const provider = config.oidc
    ? h('section', { class: 'provider' },
      h('button', { type: 'button', class: 'primary', onclick: async (event) => {
        event.target.disabled = true;
        try { await onProviderLogIn(); } catch (e) { status.textContent = e.message; event.target.disabled = false; }
      } }, `Log in with ${config.oidc.name || 'your organisation'}`))
    : null;
  const embedded = config.signUp
    ? h('div', { class: 'credential-forms' }, credentialsForm('login'), credentialsForm('signup'))
    : null;
  return h('main', { class: 'login' },
    h('h1', {}, 'Chat'),
    status,
    provider,
    embedded);
}
