// The dialog asking for an API key when the server answers 401: a modal <dialog> of the shell
// with one password field. Resolves to the key typed (trimmed), or null on Cancel / Esc.

import { h } from './dom.js';

/** A key is `<id>:<secret>`: both parts non-empty, no spaces. */
const KEY_FORM = /^[^\s:]+:\S+$/;

/** Shows the prompt with the server's reason; resolves to the key or null. */
export function showKeyPrompt(reason) {
  return new Promise((resolve) => {
    const input = h('input', {
      class: 'key-prompt-input', type: 'password', name: 'api-key', autocomplete: 'off', spellcheck: 'false',
      placeholder: 'id:secret', 'aria-label': 'API key', required: true,
    });
    const problem = h('p', { class: 'key-prompt-problem', role: 'alert' });
    const form = h('form', { method: 'dialog', class: 'key-prompt-form' },
      h('h2', {}, 'API key needed'),
      h('p', { class: 'key-prompt-reason' }, reason || 'This Corral server asks for an API key.'),
      h('label', {}, 'API key ', input),
      problem,
      h('p', { class: 'key-prompt-note' }, 'Kept for this tab only; “Forget key” in the header drops it.'),
      h('div', { class: 'key-prompt-actions' },
        h('button', { type: 'button', class: 'button key-prompt-cancel', onclick: () => finish(null) }, 'Cancel'),
        h('button', { type: 'submit', class: 'button primary key-prompt-submit' }, 'Use key')));
    const dialog = h('dialog', { class: 'key-prompt', 'aria-label': 'API key needed' }, form);

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const key = input.value.trim();
      if (!KEY_FORM.test(key)) {
        problem.textContent = 'A key has the form id:secret.';
        input.focus();
        return;
      }
      finish(key);
    });
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(null);
    });

    function finish(key) {
      dialog.close();
      dialog.remove();
      resolve(key);
    }

    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}
