// The "Silence" form of an alert instance: matchers prefilled with the instance's rule (the label
// `alertname`) and group values, a duration and a comment → POST /api/v1/alerts/silences. Creating
// a silence needs an admin key: the server's refusal (403, or 400 naming the field) is shown in the
// form, which stays open to try again.

import { postJson } from '../../lib/api.js';
import { h, replace } from '../../lib/dom.js';
import { errorView } from '../../lib/errors.js';

/** Durations offered, shortest first; the server takes any up to 366 days. */
export const SILENCE_DURATIONS = ['30m', '1h', '2h', '4h', '12h', '1d', '7d'];
const DEFAULT_DURATION = '2h';

/** The matchers silencing exactly this instance: its rule and each group value, all `=`. */
export function instanceMatchers(instance) {
  return [{ name: 'alertname', op: '=', value: instance.rule },
    ...Object.entries(instance.group ?? {}).map(([name, value]) => ({ name, op: '=', value: String(value) }))];
}

/** The form element; onCreated(silence) after a 201, onCancel() on Cancel. */
export function silenceForm(instance, { signal, onCreated, onCancel }) {
  const matchers = instanceMatchers(instance);
  const duration = h('select', { class: 'silence-duration', 'aria-label': 'Duration' },
      SILENCE_DURATIONS.map((value) => h('option', { value, selected: value === DEFAULT_DURATION }, value)));
  const comment = h('input', { type: 'text', class: 'silence-comment-input', maxlength: 1024,
    placeholder: 'why (shown to everyone)', 'aria-label': 'Comment' });
  const problem = h('div', { class: 'silence-form-problem', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button primary silence-create' }, 'Create silence');
  const form = h('form', { class: 'silence-form', dataset: { rule: instance.rule } },
      h('h3', {}, 'Silence ', h('span', { class: 'silence-form-rule' }, instance.rule)),
      h('ul', { class: 'silence-form-matchers mono' }, matchers.map((m) => h('li', {}, `${m.name} ${m.op} "${m.value}"`))),
      h('label', {}, 'for ', duration), ' ',
      h('label', { class: 'silence-comment-label' }, 'comment ', comment), ' ',
      submit, ' ',
      h('button', { type: 'button', class: 'button silence-cancel', onclick: onCancel }, 'Cancel'),
      problem);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    replace(problem);
    try {
      const created = await postJson('/api/v1/alerts/silences',
          { matchers, duration: duration.value, comment: comment.value }, { signal });
      onCreated(created);
    } catch (error) {
      if (error.name !== 'AbortError') replace(problem, errorView(error));
    } finally {
      submit.disabled = false;
    }
  });
  queueMicrotask(() => comment.focus());
  return form;
}
