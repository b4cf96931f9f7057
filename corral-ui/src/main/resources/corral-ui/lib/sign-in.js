// The sign-in dialog of the shell (lib/session.js): user name and password, the server's answer
// shown under them (a wrong password, or "too many failed sign-ins … try again in N s"), and
// "Use an API key" for people and scripts that hold a key. A modal <dialog> over the page, so it
// is the first thing a server with users shows.

import { h } from './dom.js';

/**
 * Shows the dialog; `signIn(user, password)` is tried on submit and its error shown. Resolves to
 * 'session' once signed in, 'key' for "Use an API key", null on Esc.
 */
export function showSignIn(reason, signIn) {
  return new Promise((resolve) => {
    const user = h('input', {
      class: 'sign-in-user', type: 'text', name: 'username', autocomplete: 'username', spellcheck: 'false',
      'aria-label': 'User name', required: true,
    });
    const password = h('input', {
      class: 'sign-in-password', type: 'password', name: 'password', autocomplete: 'current-password',
      'aria-label': 'Password', required: true,
    });
    const problem = h('p', { class: 'key-prompt-problem sign-in-problem', role: 'alert' });
    const submit = h('button', { type: 'submit', class: 'button primary sign-in-submit' }, 'Sign in');
    const form = h('form', { method: 'dialog', class: 'key-prompt-form sign-in-form' },
      h('h2', {}, 'Sign in to Corral'),
      reason ? h('p', { class: 'key-prompt-reason sign-in-reason' }, reason) : null,
      h('label', {}, 'User name ', user),
      h('label', {}, 'Password ', password),
      problem,
      h('div', { class: 'key-prompt-actions' },
        h('button', { type: 'button', class: 'button sign-in-use-key', onclick: () => finish('key') }, 'Use an API key'),
        submit));
    const dialog = h('dialog', { class: 'key-prompt sign-in', 'aria-label': 'Sign in' }, form);

    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      problem.textContent = '';
      try {
        await signIn(user.value.trim(), password.value);
        finish('session');
      } catch (e) {
        problem.textContent = e.message;
        password.value = '';
        password.focus();
      } finally {
        submit.disabled = false;
      }
    });
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(null);
    });

    function finish(outcome) {
      dialog.close();
      dialog.remove();
      resolve(outcome);
    }

    document.body.append(dialog);
    dialog.showModal();
    user.focus();
  });
}
