// The rule editor of the Alerts page: a rule file's YAML (a new one from a starter, or an existing
// one's `definition` from GET /api/v1/alerts/rules/{name}), a live preview of what it would have
// fired over the last 24 hours (a debounced POST /api/v1/alerts/rules/_preview after every edit), and
// Save (PUT /api/v1/alerts/rules/{name}, the name read from the text) or Delete. Preview, save and
// delete need an admin key: the server's refusal shows in the editor, as does a rule that does not
// validate (the file's line and the caret under a query's error).

import { del, getJson, sendYaml } from '../../lib/api.js';
import { debounce, h, replace } from '../../lib/dom.js';
import { errorView } from '../../lib/errors.js';
import { formatTimestamp } from '../../lib/time.js';
import { groupText } from './group-text.js';
import { sparkline } from './sparkline.js';

/** Wait after the last keystroke before previewing: a preview runs up to 144 queries. */
export const PREVIEW_DEBOUNCE_MS = 600;
/** Steps with instances listed under the preview: the latest; the sparkline shows them all. */
const STEPS_LISTED = 10;

const STARTER = `name: errors_by_service
query: "level:ERROR | stats count() as errors by service"
every: 1m
window: 5m
condition: "errors > 50"
labels: {severity: warning}
`;

/** The rule name a YAML text declares (`name: x` at the top level), or null. */
export function ruleNameOf(yaml) {
  const match = /^name:[ \t]*["']?([A-Za-z0-9_.-]+)["']?[ \t]*(?:#.*)?$/m.exec(yaml ?? '');
  return match ? match[1] : null;
}

/**
 * Opens the editor on rule `name` (null: a new rule). onSaved() after a save or delete, onClose() on
 * Close. Answers {element, close}.
 */
export function ruleEditor(name, { signal, onSaved, onClose }) {
  const text = h('textarea', { class: 'rule-editor-text mono', rows: 12, spellcheck: 'false', 'aria-label': 'Rule definition (YAML)' });
  const preview = h('div', { class: 'rule-preview', 'aria-live': 'polite' });
  const problem = h('div', { class: 'rule-editor-problem' });
  const save = h('button', { type: 'button', class: 'button primary rule-save' }, 'Save');
  const remove = name ? h('button', { type: 'button', class: 'button danger rule-delete' }, 'Delete') : null;
  const element = h('section', { class: 'rule-editor', dataset: { rule: name ?? '' } },
      h('h3', {}, name ? `Edit rule ${name}` : 'New rule'),
      text,
      h('div', { class: 'rule-editor-actions' }, save, ' ', remove, ' ',
          h('button', { type: 'button', class: 'button rule-editor-close', onclick: () => onClose() }, 'Close')),
      problem,
      h('h4', {}, 'What it would have fired over the last 24 hours'),
      preview);
  let sequence = 0;

  async function runPreview() {
    const mine = ++sequence;
    preview.dataset.state = 'running';
    try {
      const answer = await sendYaml('POST', '/api/v1/alerts/rules/_preview', text.value, { signal });
      if (mine !== sequence) return;
      replace(preview, previewView(answer));
      preview.dataset.state = 'ok';
    } catch (error) {
      if (error.name === 'AbortError' || mine !== sequence) return;
      replace(preview, errorView(error));
      preview.dataset.state = 'error';
    }
  }
  const later = debounce(runPreview, PREVIEW_DEBOUNCE_MS);
  signal.addEventListener('abort', () => later.cancel(), { once: true });
  text.addEventListener('input', later);

  save.addEventListener('click', async () => {
    const declared = ruleNameOf(text.value);
    if (!declared) {
      replace(problem, errorView({ status: 400, message: 'the rule needs a top-level "name: …" line' }));
      return;
    }
    if (name && declared !== name) {
      replace(problem, errorView({ status: 400, message: `the name is ${name}; to rename a rule, create a new one and delete this one` }));
      return;
    }
    try {
      await sendYaml('PUT', `/api/v1/alerts/rules/${encodeURIComponent(declared)}`, text.value, { signal });
      onSaved();
    } catch (error) {
      if (error.name !== 'AbortError') replace(problem, errorView(error));
    }
  });
  remove?.addEventListener('click', async () => {
    if (remove.dataset.armed !== 'true') { // a second click deletes: no modal dialog
      remove.dataset.armed = 'true';
      remove.textContent = `Delete ${name} for good`;
      return;
    }
    try {
      await del(`/api/v1/alerts/rules/${encodeURIComponent(name)}`, { signal });
      onSaved();
    } catch (error) {
      if (error.name !== 'AbortError') replace(problem, errorView(error));
    }
  });

  if (name) {
    getJson(`/api/v1/alerts/rules/${encodeURIComponent(name)}`, {}, { signal }).then((answer) => {
      text.value = answer.definition ?? '';
      runPreview();
    }, (error) => {
      if (error.name !== 'AbortError') replace(problem, errorView(error));
    });
  } else {
    text.value = STARTER;
    runPreview();
  }
  return { element, close: () => later.cancel() };
}

/** The preview: how many steps would have had instances, a sparkline of the values, and the latest such steps. */
function previewView(answer) {
  const steps = answer.steps ?? [];
  const firing = steps.filter((step) => (step.groups ?? []).length > 0);
  const failed = steps.find((step) => step.error);
  return h('div', {},
      h('p', { class: 'rule-preview-summary' },
          `${firing.length} of ${steps.length} evaluations (one every ${answer.step ?? '?'}) would have had instances`,
          answer.complete === false ? '; the preview ran out of time (alerts.eval_timeout) — the steps so far' : '', '.'),
      sparkline(steps.map((step) => ({ at: step.at, value: step.value }))),
      failed ? h('div', { class: 'rule-error' }, `${formatTimestamp(failed.at)}: ${failed.error}`) : null,
      firing.length === 0 ? null : h('ul', { class: 'rule-preview-steps' }, firing.slice(-STEPS_LISTED).reverse().map((step) =>
        h('li', { class: 'rule-preview-step' }, h('span', { class: 'muted' }, formatTimestamp(step.at)), ' ',
            step.groups.map((group) => groupText(group.group)).join('; ')))));
}
