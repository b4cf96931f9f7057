// Pipelines (#/pipelines): write a processing pipeline and watch it work before saving it.
//
//   - the editor: the definition (Corral's YAML or an Elasticsearch pipeline's JSON), or one loaded
//     from the stored pipelines (GET /api/v1/pipelines, when the server has that API);
//   - sample input: pasted raw lines, or the last N events of a search (GET /api/v1/search) — the
//     live preview on real events;
//   - the live preview: a debounced POST /api/v1/pipelines/_simulate after every edit, showing each
//     sample's processors in the order they ran, with their status (success, error, dropped,
//     skipped), the fields each one changed, and the reason of an error;
//   - or the last N events an input received, before any pipeline (pipeline-recent.js, admins only);
//   - the counters of each processor of a stored pipeline (pipeline-metrics.js);
//   - the grok debugger: a pattern and a text (POST /api/v1/pipelines/_grok) → the text with each
//     capture highlighted in its own colour, and a legend of field → value.

import { ApiError, getJson, postJson, search } from '../lib/api.js';
import { debounce, h, loadStyle, replace } from '../lib/dom.js';
import { errorView } from '../lib/errors.js';
import { processorMetricsPanel } from './pipeline-metrics.js';
import { recentInputPanel } from './pipeline-recent.js';

/** Wait after the last keystroke before simulating: typing a word sends one request, not one per key. */
export const PREVIEW_DEBOUNCE_MS = 400;
/** Most samples sent to the simulation (the server's limit, DebugLimits.MAX_SAMPLES). */
export const MAX_SAMPLES = 100;
/** Events fetched by "last N events" unless the user asks for another number. */
const DEFAULT_EVENTS = 20;

const STARTER = `id: nginx
processors:
  - grok:
      field: message
      patterns: ['%{IPORHOST:client.ip} - %{USER:user.name} \\[%{HTTPDATE:ts}\\] "%{WORD:http.method} %{NOTSPACE:url.original} HTTP/%{NUMBER:http.version}" %{NUMBER:http.status:int} %{NUMBER:http.bytes:int}']
  - date: {field: ts, formats: ["dd/MMM/yyyy:HH:mm:ss Z"]}
  - remove: {field: ts}
  - route: {stream: web-errors, if: "http.status:>=500"}
`;
const STARTER_LINES = '93.180.71.3 - - [17/May/2015:08:05:32 +0000] "GET /downloads/product_1 HTTP/1.1" 304 0\n'
    + '217.168.17.5 - - [17/May/2015:08:05:34 +0000] "GET /downloads/product_2 HTTP/1.1" 502 157\n';

export function mount(container) {
  loadStyle('/ui/pages/pipelines.css');
  const controller = new AbortController();
  const state = { samples: null, sequence: 0, running: null };

  const stored = h('select', { class: 'pipeline-stored', 'aria-label': 'Stored pipelines' },
      h('option', { value: '' }, 'Stored pipelines…'));
  const storedNote = h('span', { class: 'pipeline-stored-note muted' });
  const format = h('select', { class: 'pipeline-format', 'aria-label': 'Definition format' },
      h('option', { value: 'yaml' }, 'YAML (Corral)'), h('option', { value: 'json' }, 'JSON (Elasticsearch)'));
  const editor = h('textarea', { class: 'pipeline-editor mono', spellcheck: 'false', rows: 18,
    'aria-label': 'Pipeline definition', value: STARTER });
  const lines = h('textarea', { class: 'pipeline-lines mono', spellcheck: 'false', rows: 6,
    'aria-label': 'Sample lines, one per line', value: STARTER_LINES });
  const query = h('input', { type: 'text', class: 'pipeline-query', placeholder: 'search query, e.g. service:nginx',
    'aria-label': 'Search query for sample events' });
  const count = h('input', { type: 'number', class: 'pipeline-count', min: 1, max: MAX_SAMPLES,
    value: DEFAULT_EVENTS, 'aria-label': 'How many events' });
  const fetchButton = h('button', { type: 'button', class: 'button pipeline-fetch' }, 'Use last events');
  const useLines = h('button', { type: 'button', class: 'button pipeline-use-lines' }, 'Use pasted lines');
  const sampleNote = h('div', { class: 'pipeline-sample-note muted' }, 'Sample: the pasted lines');
  const status = h('span', { class: 'pipeline-preview-state muted' });
  const preview = h('div', { class: 'pipeline-preview', 'aria-live': 'polite' });

  const runPreview = debounce(() => simulate(), PREVIEW_DEBOUNCE_MS);
  const metrics = processorMetricsPanel(controller.signal);
  const recent = recentInputPanel({ count, signal: controller.signal,
    onSamples: (samples, note) => {
      state.samples = samples;
      sampleNote.textContent = note;
      runPreview();
    },
    onNote: (note) => { sampleNote.textContent = note; } });

  async function simulate() {
    const sequence = ++state.sequence;
    state.running?.abort();
    const running = new AbortController();
    state.running = running;
    controller.signal.addEventListener('abort', () => running.abort(), { once: true });
    const body = { definition: editor.value, format: format.value, verbose: true };
    if (state.samples) {
      body.docs = state.samples;
    } else {
      body.lines = lines.value.split('\n').filter((line) => line.trim() !== '').slice(0, MAX_SAMPLES);
    }
    status.textContent = 'simulating…';
    preview.dataset.state = 'running';
    try {
      const answer = await postJson('/api/v1/pipelines/_simulate', body, { signal: running.signal });
      if (sequence !== state.sequence) return;
      replace(preview, ...answer.docs.map((doc, index) => documentView(doc, index)));
      preview.dataset.state = 'ok';
      status.textContent = `${answer.docs.length} sample${answer.docs.length === 1 ? '' : 's'}`;
    } catch (error) {
      if (error.name === 'AbortError' || sequence !== state.sequence) return;
      replace(preview, h('div', { class: 'pipeline-error' }, errorView(error)));
      preview.dataset.state = 'error';
      status.textContent = 'the definition does not run';
    }
  }

  async function fetchEvents() {
    const limit = Math.max(1, Math.min(MAX_SAMPLES, Number(count.value) || DEFAULT_EVENTS));
    sampleNote.textContent = 'fetching events…';
    try {
      const answer = await search(query.value, { from: 'now-24h', limit, signal: controller.signal });
      state.samples = (answer.events ?? []).slice(0, limit).map(sampleOf);
      sampleNote.textContent = `Sample: the last ${state.samples.length} events of “${query.value || 'everything'}” `
          + '(last 24 hours)';
      runPreview();
    } catch (error) {
      if (error.name === 'AbortError') return;
      sampleNote.textContent = `Cannot fetch events: ${error.message}`;
    }
  }

  fetchButton.addEventListener('click', fetchEvents);
  useLines.addEventListener('click', () => {
    state.samples = null;
    sampleNote.textContent = 'Sample: the pasted lines';
    runPreview();
  });
  for (const input of [editor, format]) {
    input.addEventListener('input', runPreview);
  }
  lines.addEventListener('input', () => {
    state.samples = null;
    sampleNote.textContent = 'Sample: the pasted lines';
    runPreview();
  });
  stored.addEventListener('change', () => {
    metrics.show(stored.value);
    loadStored(stored.value, { editor, format, note: storedNote, signal: controller.signal })
        .then((loaded) => loaded && runPreview());
  });

  replace(container, h('section', { class: 'page pipelines-page' },
      h('div', { class: 'page-header' }, h('h1', {}, 'Pipelines'), stored, storedNote),
      h('div', { class: 'pipelines-columns' },
          h('div', { class: 'pipelines-column' },
              h('div', { class: 'pipeline-toolbar' }, h('h2', {}, 'Definition'), format),
              editor,
              h('h2', {}, 'Sample input'),
              lines,
              h('div', { class: 'pipeline-toolbar' }, useLines, query, count, fetchButton),
              h('div', { class: 'pipeline-toolbar' }, recent),
              sampleNote),
          h('div', { class: 'pipelines-column' },
              h('div', { class: 'pipeline-toolbar' }, h('h2', {}, 'Preview'), status),
              preview,
              metrics.element)),
      grokDebugger(controller.signal)));

  listStored(stored, storedNote, controller.signal);
  simulate();
  return () => {
    runPreview.cancel();
    controller.abort();
  };
}

/** A search result's event as a simulation sample: its fields, without the store's own. */
function sampleOf(event) {
  const sample = {};
  for (const [name, value] of Object.entries(event)) {
    if (!name.startsWith('_') && name !== 'id') {
      sample[name] = value;
    }
  }
  return sample;
}

/** Fills the stored pipelines' list; a server without that API (404) says so and the page goes on. */
async function listStored(select, note, signal) {
  try {
    const answer = await getJson('/api/v1/pipelines', {}, { signal });
    const items = Array.isArray(answer) ? answer : (answer?.pipelines ?? []);
    const ids = items.map((item) => (typeof item === 'string' ? item : item.id)).filter(Boolean);
    select.append(...ids.map((id) => h('option', { value: id }, id)));
    note.textContent = ids.length ? '' : 'no stored pipelines yet';
  } catch (error) {
    if (error.name === 'AbortError') return;
    select.disabled = true;
    note.textContent = error instanceof ApiError && error.status === 404
      ? 'no stored pipelines API on this server' : `stored pipelines unavailable: ${error.message}`;
  }
}

/**
 * Loads a stored pipeline into the editor: its YAML text when the server gives one, else its
 * Elasticsearch JSON body. Resolves to whether something was loaded.
 */
async function loadStored(id, { editor, format, note, signal }) {
  if (!id) return false;
  try {
    const answer = await getJson(`/api/v1/pipelines/${encodeURIComponent(id)}`, {}, { signal });
    const text = answer?.yaml ?? answer?.source ?? (typeof answer?.definition === 'string' ? answer.definition : null);
    if (text !== null && text !== undefined) {
      format.value = text.trimStart().startsWith('{') ? 'json' : 'yaml';
      editor.value = text;
    } else {
      const body = answer?.definition && typeof answer.definition === 'object' ? answer.definition : { ...answer };
      delete body.id;
      format.value = 'json';
      editor.value = JSON.stringify(body, null, 2);
    }
    note.textContent = `loaded ${id}`;
    return true;
  } catch (error) {
    if (error.name !== 'AbortError') note.textContent = `cannot load ${id}: ${error.message}`;
    return false;
  }
}

/**
 * One sample's run: its outcome and each processor in the order it ran, with the fields it changed
 * (against the document before it: the sample as it entered for the first).
 */
function documentView(doc, index) {
  let previous = doc.input?._source ?? null;
  const steps = (doc.processor_results ?? []).map((step) => {
    const source = step.doc?._source ?? null;
    const view = stepView(step, previous, source);
    if (source) previous = source;
    return view;
  });
  return h('article', { class: 'sim-doc', dataset: { outcome: doc.outcome ?? '' } },
      h('header', { class: 'sim-doc-header' }, h('span', {}, `Sample ${index + 1}`),
          h('span', { class: `sim-outcome outcome-${doc.outcome}` }, doc.outcome)),
      h('ol', { class: 'sim-steps' }, steps),
      doc.doc?._source ? h('details', { class: 'sim-final' }, h('summary', {}, 'final event'),
          h('pre', { class: 'mono' }, JSON.stringify(doc.doc._source, null, 2))) : null);
}

function stepView(step, previous, source) {
  const changes = source ? fieldChanges(previous, source) : [];
  return h('li', { class: 'sim-step', dataset: { status: step.status, type: step.processor_type } },
      h('div', { class: 'sim-step-head' },
          h('span', { class: 'sim-step-type' }, step.processor_type),
          step.tag ? h('span', { class: 'sim-step-tag muted' }, `#${step.tag}`) : null,
          h('span', { class: `sim-status status-${step.status}` }, step.status)),
      step.error ? h('div', { class: 'sim-step-error' }, step.error.reason) : null,
      changes.length ? h('ul', { class: 'sim-changes mono' }, changes.map(([kind, name, value]) =>
          h('li', { class: `change-${kind}` }, kind === 'removed' ? `− ${name}` : `${kind === 'added' ? '+' : '~'} ${name} = ${
            typeof value === 'string' ? value : JSON.stringify(value)}`))) : null,
      source && previous && !changes.length && step.status === 'success'
        ? h('div', { class: 'sim-unchanged muted' }, 'no field changed') : null);
}

/**
 * What a processor changed: [kind, field, value] for every field added, changed or removed
 * between the document before it (null: the first step — every field counts as added) and after it.
 */
export function fieldChanges(before, after) {
  const changes = [];
  for (const [name, value] of Object.entries(after)) {
    if (!before || !(name in before)) {
      if (before) changes.push(['added', name, value]);
    } else if (JSON.stringify(before[name]) !== JSON.stringify(value)) {
      changes.push(['changed', name, value]);
    }
  }
  if (before) {
    for (const name of Object.keys(before)) {
      if (!(name in after)) changes.push(['removed', name, null]);
    }
  }
  return changes;
}

/** The grok debugger panel: pattern + text → highlighted captures and a legend. */
function grokDebugger(signal) {
  const pattern = h('input', { type: 'text', class: 'grok-pattern mono', spellcheck: 'false',
    'aria-label': 'Grok pattern', value: '%{COMBINEDAPACHELOG}' });
  const ecs = h('select', { class: 'grok-ecs', 'aria-label': 'ECS compatibility' },
      h('option', { value: 'disabled' }, 'legacy names'), h('option', { value: 'v1' }, 'ECS v1 names'));
  const text = h('textarea', { class: 'grok-text mono', spellcheck: 'false', rows: 3, 'aria-label': 'Text to match',
    value: '93.180.71.3 - - [17/May/2015:08:05:32 +0000] "GET /downloads/product_1 HTTP/1.1" 304 0 "-" '
        + '"Debian APT-HTTP/1.3 (0.8.16~exp12ubuntu10.21)"' });
  const result = h('div', { class: 'grok-result' });
  let sequence = 0;

  async function run() {
    const mine = ++sequence;
    try {
      const answer = await postJson('/api/v1/pipelines/_grok',
          { pattern: pattern.value, text: text.value, ecs_compatibility: ecs.value }, { signal });
      if (mine !== sequence) return;
      replace(result, ...grokView(text.value, answer));
      result.dataset.state = answer.matched ? 'matched' : 'unmatched';
    } catch (error) {
      if (error.name === 'AbortError' || mine !== sequence) return;
      replace(result, h('div', { class: 'grok-error' }, error.message));
      result.dataset.state = 'error';
    }
  }
  const later = debounce(run, PREVIEW_DEBOUNCE_MS);
  for (const input of [pattern, ecs, text]) {
    input.addEventListener('input', later);
  }
  signal.addEventListener('abort', () => later.cancel(), { once: true });
  run();
  return h('section', { class: 'grok-debugger' },
      h('div', { class: 'pipeline-toolbar' }, h('h2', {}, 'Grok debugger'), ecs),
      pattern, text, result);
}

function grokView(text, answer) {
  if (!answer.matched) {
    return [h('div', { class: 'grok-error' }, answer.error ?? 'the pattern does not match this text')];
  }
  const colours = answer.captures.map((_, index) => captureColour(index));
  return [
    h('pre', { class: 'grok-highlight mono' }, highlightSegments(text, answer.captures).map(({ text: part, capture }) =>
        capture === null ? part : h('mark', { class: 'grok-capture', title: answer.captures[capture].field,
          dataset: { field: answer.captures[capture].field }, style: { background: colours[capture] } }, part))),
    h('ul', { class: 'grok-legend' }, answer.captures.map((capture, index) =>
        h('li', { dataset: { field: capture.field } },
            h('span', { class: 'grok-swatch', style: { background: colours[index] } }),
            h('span', { class: 'grok-field mono' }, capture.field), ' ',
            h('span', { class: 'grok-value mono' }, capture.value)))),
  ];
}

/** A colour per capture, far apart on the hue circle (golden angle) and light enough for dark text. */
function captureColour(index) {
  return `hsl(${Math.round((index * 137.508) % 360)} 75% 78%)`;
}

/**
 * The text cut into segments at every capture boundary, each with the innermost capture covering
 * it (the shortest; null: none) — captures of nested patterns overlap.
 */
export function highlightSegments(text, captures) {
  const cuts = new Set([0, text.length]);
  for (const capture of captures) {
    cuts.add(capture.start);
    cuts.add(capture.end);
  }
  const points = [...cuts].filter((at) => at >= 0 && at <= text.length).sort((a, b) => a - b);
  const segments = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    let best = null;
    captures.forEach((capture, index) => {
      if (capture.start <= from && capture.end >= to && capture.end > capture.start
          && (best === null || capture.end - capture.start < captures[best].end - captures[best].start)) {
        best = index;
      }
    });
    segments.push({ text: text.slice(from, to), capture: best });
  }
  return segments;
}
