// Alerts (#/alerts?rule=<name>): what is firing and why, refreshed every few seconds.
//
//   - alert instances (GET /api/v1/alerts/instances): firing, then pending, then recently resolved,
//     each with its rule, severity, group, value and since, and its links (lib/alert-links.js):
//     "Search" (the rule's query over the alert's time range), "Trace" (the worst trace of a trace
//     rule), "Root cause" (the surrounding events of its root-cause event) and "Silence" (a small
//     form prefilled with the instance's rule and group → POST /api/v1/alerts/silences, admin);
//   - rules (GET /api/v1/alerts/rules): kind, state, last value and evaluation, a sparkline of the last
//     values, and the refused files with their error; `?rule=NAME` (the link of every notification)
//     scrolls to that rule and highlights it;
//   - a rule editor (pages/alerts/rule-editor.js): a rule's YAML with a live preview of the last 24 h,
//     Save and Delete (admin);
//   - silences and maintenance windows (GET/DELETE /api/v1/alerts/silences);
//   - channels (GET /api/v1/alerts/channels) with their delivery log and "Send test"
//     (POST /api/v1/alerts/channels/{name}/test, admin).
//
// Everything shown comes from the API and may carry event content (a group's value is a field of some
// event): it goes into the page as text only (lib/dom.js h()), and a link is only ever the `#/…` part of
// a link the API gave, so it stays in this UI and can never be a `javascript:` URL.

import { instanceLinks } from '../lib/alert-links.js';
import { del, getJson, postJson } from '../lib/api.js';
import { h, loadStyle, replace } from '../lib/dom.js';
import { errorView } from '../lib/errors.js';
import { formatTimestamp } from '../lib/time.js';
import { formatNumber } from '../lib/units.js';
import { routeHash } from '../app.js';
import { fieldClause } from '../lib/events.js';
import { groupText } from './alerts/group-text.js';
import { ruleEditor } from './alerts/rule-editor.js';
import { silenceForm } from './alerts/silence-form.js';
import { sparkline } from './alerts/sparkline.js';

/** How often the page asks again: a rule evaluated every 30 s shows its new state soon after. */
export const REFRESH_MS = 3000;
/** Delivery log entries shown per channel: the latest; the API keeps 100. */
const DELIVERIES_SHOWN = 5;

export function mount(container, params) {
  loadStyle('/ui/pages/alerts.css');
  const controller = new AbortController();
  const formSlot = h('div', { class: 'silence-form-slot' });
  const editorSlot = h('div', { class: 'rule-editor-slot' });
  const sections = {
    instances: h('div', { class: 'alerts-instances' }, h('div', { class: 'placeholder spinner' }, 'Loading alerts')),
    rules: h('div', { class: 'alerts-rules' }),
    silences: h('div', { class: 'alerts-silences' }),
    channels: h('div', { class: 'alerts-channels' }),
  };
  const updated = h('span', { class: 'alerts-updated muted' }, 'loading…');
  replace(container, h('section', { class: 'page alerts-page' },
      h('div', { class: 'page-header' }, h('h1', {}, 'Alerts'), updated),
      h('h2', {}, 'Alerts firing and pending'), formSlot, sections.instances,
      h('div', { class: 'alerts-rules-header' }, h('h2', {}, 'Rules'),
          h('button', { type: 'button', class: 'button small rule-new', onclick: () => openEditor(null) }, 'New rule')),
      editorSlot, sections.rules,
      h('h2', {}, 'Silences'), sections.silences,
      h('h2', {}, 'Channels'), sections.channels));

  let timer = null;
  let stopped = false;
  let sequence = 0; // a refresh started later wins: an older answer never overwrites a newer one
  let scrolled = false;
  const signal = controller.signal;

  const openSilence = (instance) => replace(formSlot, silenceForm(instance, {
    signal,
    onCreated: () => { replace(formSlot); refresh(); },
    onCancel: () => replace(formSlot),
  }));

  let editor = null;
  function closeEditor() {
    editor?.close();
    editor = null;
    replace(editorSlot);
  }
  function openEditor(name) {
    closeEditor();
    editor = ruleEditor(name, { signal, onSaved: () => { closeEditor(); refresh(); }, onClose: closeEditor });
    replace(editorSlot, editor.element);
    editor.element.scrollIntoView({ block: 'nearest' });
  }

  async function refresh() {
    clearTimeout(timer);
    const mine = ++sequence;
    const [instances, rules, silences, channels] = await Promise.allSettled([
      getJson('/api/v1/alerts/instances', {}, { signal }),
      getJson('/api/v1/alerts/rules', {}, { signal }),
      getJson('/api/v1/alerts/silences', {}, { signal }),
      getJson('/api/v1/alerts/channels', {}, { signal }),
    ]);
    if (stopped || mine !== sequence) return;
    show(sections.instances, instances, (answer) => instancesView(answer.instances ?? [], openSilence));
    show(sections.rules, rules, (answer) => rulesView(answer, instances.value?.instances ?? null, params.rule, openEditor));
    show(sections.silences, silences, (answer) => silencesView(answer.silences ?? [], refresh, signal));
    show(sections.channels, channels, (answer) => channelsView(answer, signal));
    updated.textContent = `updated ${new Date().toLocaleTimeString()} · every ${REFRESH_MS / 1000} s`;
    if (params.rule && !scrolled && rules.status === 'fulfilled') {
      scrolled = true;
      sections.rules.querySelector('.rule-row.highlighted')?.scrollIntoView({ block: 'nearest' }); // no further: the alerts above stay in view
    }
    clearTimeout(timer);
    timer = setTimeout(refresh, REFRESH_MS);
  }
  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
    controller.abort();
  };
}

/**
 * Puts a section's view (or its error) in place, only when it differs from what is shown: a refresh
 * that changed nothing leaves the elements (and a link the user is about to click) alone.
 */
function show(section, settled, view) {
  if (settled.status === 'rejected' && settled.reason?.name === 'AbortError') return;
  const next = settled.status === 'fulfilled' ? view(settled.value) : errorView(settled.reason);
  if (section.childElementCount === 1 && section.firstElementChild.isEqualNode(next)) return;
  replace(section, next);
}

export { inAppHref } from '../lib/alert-links.js';

function valueText(value) {
  return value === null || value === undefined ? '–' : formatNumber(value);
}

function instancesView(instances, openSilence) {
  if (instances.length === 0) {
    return h('p', { class: 'placeholder alerts-none' }, 'Nothing is firing or pending.');
  }
  return h('table', { class: 'data-table alert-instances' },
      h('thead', {}, h('tr', {}, ['state', 'rule', 'severity', 'group', 'value', 'since', ''].map((name) => h('th', {}, name)))),
      h('tbody', {}, instances.map((instance) => instanceRow(instance, openSilence))));
}

function instanceRow(instance, openSilence) {
  return h('tr', { class: ['alert-instance', `state-${instance.state}`], dataset: { rule: instance.rule, state: instance.state } },
      h('td', {}, h('span', { class: ['alert-state', `alert-state-${instance.state}`] }, instance.state),
          instance.silenced_by ? h('span', { class: 'alert-silenced muted', title: `silence ${instance.silenced_by}` }, ' silenced') : null),
      h('td', { class: 'alert-rule' }, instance.rule),
      h('td', {}, h('span', { class: ['alert-severity', `severity-${instance.severity}`] }, instance.severity)),
      h('td', { class: 'alert-group mono' }, groupText(instance.group)),
      h('td', { class: 'num alert-value' }, valueText(instance.value)),
      h('td', { class: 'alert-since', title: instance.since }, formatTimestamp(instance.since)),
      h('td', { class: 'alert-links' },
          instanceLinks(instance),
          instance.state === 'resolved' ? null
            : h('button', { type: 'button', class: 'button small alert-silence-button', onclick: () => openSilence(instance) }, 'Silence')));
}

/**
 * A rule's state: {text: "1 firing · 2 pending" | "ok" | "disabled" | "refused" | "?", tone: the worst
 * state it has}. instances is null when they could not be read ("?": not "ok" by mistake).
 */
function stateSummary(file, instances) {
  if (!file.rule) return { text: 'refused', tone: 'refused' };
  if (!file.rule.enabled) return { text: 'disabled', tone: 'disabled' };
  if (instances === null) return { text: '?', tone: 'unknown' };
  const counts = {};
  for (const instance of instances) {
    if (instance.rule === file.name && instance.state !== 'resolved') counts[instance.state] = (counts[instance.state] ?? 0) + 1;
  }
  const states = ['firing', 'pending'].filter((state) => counts[state]);
  return states.length ? { text: states.map((state) => `${counts[state]} ${state}`).join(' · '), tone: states[0] }
    : { text: 'ok', tone: 'ok' };
}

function rulesView(answer, instances, wanted, openEditor) {
  const files = answer.rules ?? [];
  const known = files.some((file) => file.name === wanted);
  return h('div', {},
      answer.channels_error ? h('div', { class: 'alerts-problem' }, `channels.yaml: ${answer.channels_error}`) : null,
      wanted && !known ? h('div', { class: 'alerts-problem rule-unknown' }, `No rule named “${wanted}”.`) : null,
      files.length === 0 ? h('p', { class: 'placeholder' }, 'No rules: put rule files in the alerts directory (docs/alerting.md).')
        : h('table', { class: 'data-table alert-rules' },
            h('thead', {}, h('tr', {}, ['rule', 'kind', 'state', 'last value', 'last evaluation', 'recent values', '']
                .map((name) => h('th', {}, name)))),
            h('tbody', {}, files.map((file) => ruleRow(file, instances, wanted, openEditor)))));
}

function ruleRow(file, instances, wanted, openEditor) {
  const name = file.name ?? file.file.replace(/\.yaml$/, '');
  const evaluation = file.last_evaluation;
  const state = stateSummary(file, instances);
  return h('tr', { class: ['rule-row', file.name === wanted ? 'highlighted' : null, file.rule ? null : 'rule-refused'],
    id: `rule-${file.name}`, dataset: { rule: file.name ?? '', state: state.tone } },
  h('td', {}, h('div', { class: 'rule-name' }, file.name ?? file.file),
      h('div', { class: 'muted rule-file' }, file.file),
      file.rule?.description ? h('div', { class: 'rule-description' }, file.rule.description) : null),
  h('td', {}, file.rule?.kind ?? ''),
  h('td', {}, h('span', { class: ['rule-state', `rule-state-${state.tone}`] }, state.text)),
  h('td', { class: 'num rule-value' }, evaluation ? valueText(evaluation.value) : '–'),
  h('td', { class: 'rule-evaluation' },
      file.error ? h('pre', { class: 'rule-error' }, file.error)
        : evaluation ? [h('span', { title: evaluation.at }, formatTimestamp(evaluation.at)),
          h('span', { class: 'muted' }, ` · ${evaluation.took_ms ?? '?'} ms · ${evaluation.satisfied} of ${evaluation.rows} rows`),
          evaluation.capped ? h('div', { class: 'alerts-problem' }, 'capped: more instances than alerts.max_instances') : null,
          evaluation.error ? h('div', { class: 'rule-error' }, evaluation.error) : null]
          : h('span', { class: 'muted' }, file.rule ? 'not evaluated yet' : '')),
  h('td', {}, sparkline(file.sparkline ?? [])),
  h('td', { class: 'alert-links' },
      h('button', { type: 'button', class: 'button small rule-edit', onclick: () => openEditor(name) }, 'Edit'),
      h('a', { class: 'button small rule-history', href: routeHash('search', { q: `logtype:alert ${fieldClause('rule', name)}`, from: 'now-24h' }),
        title: 'this rule\'s evaluations and state changes, as events' }, 'History')));
}

function matcherText(matcher) {
  return `${matcher.name}${matcher.op}"${matcher.value}"`;
}

function silencesView(silences, refresh, signal) {
  if (silences.length === 0) {
    return h('p', { class: 'placeholder' }, 'No silences. “Silence” on an alert creates one.');
  }
  return h('table', { class: 'data-table alert-silences' },
      h('thead', {}, h('tr', {}, ['matchers', 'status', 'from', 'until', 'comment', 'by', ''].map((name) => h('th', {}, name)))),
      h('tbody', {}, silences.map((silence) => {
        const problem = h('div', { class: 'silence-problem' });
        const remove = async () => {
          try {
            await del(`/api/v1/alerts/silences/${encodeURIComponent(silence.id)}`, { signal });
            refresh();
          } catch (error) {
            if (error.name !== 'AbortError') replace(problem, errorView(error));
          }
        };
        return h('tr', { class: ['silence-row', `silence-${silence.status}`], dataset: { id: silence.id } },
            h('td', { class: 'mono silence-matchers' }, (silence.matchers ?? []).map(matcherText).join(', ')),
            h('td', {}, silence.kind === 'maintenance' ? `${silence.status} (maintenance)` : silence.status),
            h('td', { title: silence.starts_at }, formatTimestamp(silence.starts_at)),
            h('td', { title: silence.ends_at }, formatTimestamp(silence.ends_at)),
            h('td', { class: 'silence-comment' }, silence.comment ?? ''),
            h('td', {}, silence.created_by ?? ''),
            h('td', {}, h('button', { type: 'button', class: 'button small silence-delete', onclick: remove }, 'Delete'), problem));
      })));
}

function channelsView(answer, signal) {
  const channels = answer.channels ?? [];
  return h('div', {},
      answer.file_usable === false ? h('div', { class: 'alerts-problem' }, `${answer.file ?? 'channels.yaml'} is not usable`) : null,
      (answer.refused ?? []).map((refused) => h('pre', { class: 'rule-error channel-refused' }, refused.text ?? refused.error)),
      channels.length === 0 ? h('p', { class: 'placeholder' }, 'No channels: alerts go to this page, the history and the log only.')
        : channels.map((channel) => channelView(channel, signal)));
}

function channelView(channel, signal) {
  const result = h('span', { class: 'channel-test-result' });
  const test = async () => {
    replace(result, 'sending…');
    try {
      const answer = await postJson(`/api/v1/alerts/channels/${encodeURIComponent(channel.name)}/test`, {}, { signal });
      replace(result, answer.outcome === 'delivered' ? `delivered (${answer.status})`
        : `${answer.outcome}${answer.error ? `: ${answer.error}` : ''}`);
    } catch (error) {
      if (error.name !== 'AbortError') replace(result, errorView(error));
    }
  };
  const deliveries = (channel.deliveries ?? []).slice(0, DELIVERIES_SHOWN);
  return h('article', { class: 'alert-channel', dataset: { channel: channel.name, state: channel.state } },
      h('header', { class: 'channel-header' },
          h('span', { class: 'channel-name' }, channel.name),
          h('span', { class: 'muted' }, ` ${channel.type} → ${channel.target}`),
          h('span', { class: ['channel-state', `channel-state-${channel.state}`] }, channel.state),
          h('span', { class: 'muted' }, `delivered ${channel.delivered} · failed ${channel.failed} · dropped ${channel.dropped}`
              + ` · grouped ${channel.grouped} · queued ${channel.queued}`),
          h('button', { type: 'button', class: 'button small channel-test', onclick: test }, 'Send test'), result),
      channel.last_error ? h('div', { class: 'rule-error' },
          `last error ${formatTimestamp(channel.last_error.at)}: ${channel.last_error.error}`) : null,
      deliveries.length === 0 ? h('p', { class: 'muted' }, 'Nothing sent yet.')
        : h('table', { class: 'data-table channel-deliveries' },
            h('thead', {}, h('tr', {}, ['at', 'rule', 'attempt', 'outcome', 'status', 'error', 'ms'].map((name) => h('th', {}, name)))),
            h('tbody', {}, deliveries.map((entry) => h('tr', { dataset: { outcome: entry.outcome } },
                h('td', {}, formatTimestamp(entry.at)),
                h('td', {}, entry.test ? `${entry.rule} (test)` : entry.rule),
                h('td', { class: 'num' }, entry.attempt),
                h('td', {}, entry.outcome),
                h('td', { class: 'num' }, entry.status || ''),
                h('td', {}, entry.error ?? ''),
                h('td', { class: 'num' }, entry.latency_ms))))));
}
