// Incident dashboard (#/dashboard/<id>, default "incident"): a saved definition
// (GET /api/v1/dashboards/{id} → {title, panels: [{id, title, query, visualization, range,
// thresholds, width}]}) whose panels each run their query over their range and draw it (see
// lib/panels.js), but for an `alerts` panel, which lists the firing and pending alerts with their
// links (pages/dashboard/alerts-panel.js). Panels and their marks open Search with the matching query. Users add panels
// from any query and remove them; each change is saved with PUT. A user's dashboard can be
// deleted, and a changed built-in reset to the built-in version (DELETE, after a confirm step).
// Auto refresh every 30 s.

import { routeHash } from '../app.js';
import { ApiError, del, getJson, putJson, query } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { errorView } from '../lib/errors.js';
import { HISTORY_MS } from '../lib/health.js';
import { drawPanel, VISUALIZATIONS } from '../lib/panels.js';
import { alertsNote, alertsView, fetchAlerts } from './dashboard/alerts-panel.js';
import { isoOf, resolveTime } from '../lib/time.js';
import { countOf } from '../lib/units.js';

export const DEFAULT_DASHBOARD = 'incident';
/** Seconds between automatic refreshes: a dashboard left open during an incident stays current. */
export const AUTO_REFRESH_MS = 30_000;
const RANGES = ['5m', '15m', '1h', '4h', '24h', '7d'];
const AUTO_REFRESH_KEY = 'corral.dashboard.autorefresh';
/** The parts of a panel a definition holds (docs/ui-api.md). */
const PANEL_KEYS = ['id', 'title', 'description', 'query', 'visualization', 'range', 'thresholds', 'width'];

export function mount(container, params, app) {
  const id = params.id || DEFAULT_DASHBOARD;
  const state = { id, definition: null, panels: new Map(), timer: null, stopped: false };
  const controller = new AbortController();
  const picker = h('select', { class: 'dashboard-picker', 'aria-label': 'Dashboard',
    onchange: () => app.navigate(`dashboard/${picker.value}`) }, h('option', { value: id }, id));
  const title = h('h1', { class: 'dashboard-title' }, id);
  const description = h('p', { class: 'muted dashboard-description' });
  const updated = h('span', { class: 'muted dashboard-updated' });
  const autoRefresh = h('input', { type: 'checkbox', checked: readAutoRefresh(), 'aria-label': 'Auto refresh' });
  const grid = h('div', { class: 'dashboard-grid' });
  const editor = h('div', { class: 'dashboard-editor', hidden: true });
  const message = h('div', { class: 'dashboard-message' });
  const deleteButton = h('button', { type: 'button', class: 'button small dashboard-delete', hidden: true,
    title: 'Delete this dashboard from the server', onclick: () => confirmRemoval({ reset: false }) }, 'Delete dashboard');
  const resetButton = h('button', { type: 'button', class: 'button small dashboard-reset', hidden: true,
    title: 'Forget your changes and show the built-in version again', onclick: () => confirmRemoval({ reset: true }) }, 'Reset to built-in');
  const page = h('section', { class: 'page dashboard-page', dataset: { dashboard: id } },
      h('div', { class: 'toolbar dashboard-toolbar' },
          title, picker, resetButton, deleteButton,
          h('span', { class: 'spacer' }),
          updated,
          h('label', { class: 'toggle', title: `Run every panel again every ${AUTO_REFRESH_MS / 1000} s` }, autoRefresh, ` auto refresh ${AUTO_REFRESH_MS / 1000} s`),
          h('button', { type: 'button', class: 'button dashboard-refresh', onclick: () => refreshAll() }, 'Refresh'),
          h('button', { type: 'button', class: 'button dashboard-add', onclick: () => showPanelForm() }, 'Add panel'),
          h('button', { type: 'button', class: 'button dashboard-new', onclick: () => showNewDashboardForm() }, 'New dashboard')),
      description, editor, message, grid);
  replace(container, page);

  const open = (q, range) => {
    const panelRange = range ?? {};
    app.navigate('search', { q, from: panelRange.from, to: panelRange.to });
  };

  async function load() {
    replace(grid, h('div', { class: 'placeholder spinner' }, 'Loading dashboard'));
    showRemovable(null);
    loadPicker();
    try {
      state.definition = normalize(await getJson(`/api/v1/dashboards/${encodeURIComponent(id)}`, {}, { signal: controller.signal }));
    } catch (error) {
      if (error.name === 'AbortError') return;
      showRemovable(error.status === 500 ? { broken: true } : null); // a saved file that no longer reads can still be deleted
      replace(grid, errorView(error, { retry: load }));
      if (error.status === 404) {
        grid.append(h('p', {}, 'This dashboard does not exist yet. ',
            h('button', { type: 'button', class: 'button', onclick: () => save({ title: id, panels: [] }).then((ok) => ok && load()) }, `Create "${id}"`)));
      }
      return;
    }
    title.textContent = state.definition.title || id;
    description.textContent = state.definition.description ?? '';
    showRemovable(state.definition);
    drawGrid();
  }

  /**
   * Offers "Delete dashboard" for a user's dashboard (or a saved file that no longer reads) and
   * "Reset to built-in" for a changed built-in; a built-in as shipped offers neither (the server refuses, 409).
   */
  function showRemovable(definition) {
    deleteButton.hidden = !definition || (definition.builtin === true && !definition.broken);
    resetButton.hidden = !definition || definition.builtin !== true || definition.modified !== true;
  }

  /** Asks before deleting the dashboard (or the changed version of a built-in); the server's refusal shows in the form. */
  function confirmRemoval({ reset }) {
    const name = state.definition?.title || id;
    const panels = countOf(state.definition?.panels.length ?? 0, 'panel');
    const problem = h('div', { class: 'form-problem' });
    const confirm = h('button', { type: 'submit', class: 'button danger' }, reset ? 'Reset' : 'Delete');
    const form = h('form', { class: 'panel dash-form dashboard-confirm', dataset: { action: reset ? 'reset' : 'delete' } },
        h('div', { class: 'panel-title' }, reset ? `Reset "${name}" to the built-in version?` : `Delete the dashboard "${name}"?`),
        h('p', { class: 'confirm-text' }, reset
          ? `Your version (${panels}) is deleted and the built-in panels come back.`
          : `The dashboard and its ${panels} are deleted from the server. This cannot be undone.`),
        problem,
        h('div', { class: 'toolbar' }, confirm, h('button', { type: 'button', class: 'button', onclick: closeEditor }, 'Cancel')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      replace(problem);
      confirm.disabled = true;
      try {
        await del(`/api/v1/dashboards/${encodeURIComponent(id)}`, { signal: controller.signal });
      } catch (error) {
        confirm.disabled = false;
        if (error.name !== 'AbortError') replace(problem, errorView(error));
        return;
      }
      closeEditor();
      if (reset) {
        load();
      } else {
        app.navigate(`dashboard/${DEFAULT_DASHBOARD}`);
      }
    });
    replace(editor, form);
    editor.hidden = false;
    confirm.focus();
  }

  async function loadPicker() {
    try {
      const answer = await getJson('/api/v1/dashboards', {}, { signal: controller.signal });
      const list = Array.isArray(answer) ? answer : answer?.dashboards ?? [];
      const entries = list.map((d) => (typeof d === 'string' ? { id: d, title: d } : d));
      if (!entries.some((d) => d.id === id)) entries.push({ id, title: id });
      replace(picker, entries.map((d) => h('option', { value: d.id, selected: d.id === id }, d.title && d.title !== d.id ? `${d.title} (${d.id})` : d.id)));
    } catch (error) {
      if (error.name !== 'AbortError') picker.title = `Dashboards could not be listed: ${error.message}`;
    }
  }

  function drawGrid() {
    for (const panel of state.panels.values()) panel.dispose();
    state.panels.clear();
    replace(grid);
    if (state.definition.panels.length === 0) {
      grid.append(h('div', { class: 'placeholder' }, 'No panels yet. ', h('button', { type: 'button', class: 'button', onclick: () => showPanelForm() }, 'Add a panel')));
      return;
    }
    for (const definition of state.definition.panels) {
      const panel = panelView(definition);
      state.panels.set(definition.id, panel);
      grid.append(panel.element);
      panel.run();
    }
    updated.textContent = `updated ${new Date().toLocaleTimeString()}`;
  }

  function panelView(definition) {
    const body = h('div', { class: 'dash-panel-body' }, h('div', { class: 'placeholder spinner' }, 'Running'));
    const range = { from: `now-${definition.range || '15m'}` };
    const href = (q, r = range) => routeHash('search', { q, ...r });
    const alerts = isAlertsPanel(definition);
    const about = definition.description ? `${definition.description}\n\n` : '';
    const element = h('article', { class: ['panel', 'dash-panel'], style: { gridColumn: `span ${clampWidth(definition.width)}` },
      dataset: { panelId: definition.id, visualization: definition.visualization, state: 'loading' } },
    h('header', { class: 'dash-panel-header' },
        alerts ? h('a', { class: 'dash-panel-title', href: routeHash('alerts'), title: `${about}Open the Alerts page` }, definition.title)
          : h('a', { class: 'dash-panel-title', href: href(definition.query),
            title: `${about}Open in Search: ${definition.query}` }, definition.title || definition.query),
        h('span', { class: 'muted dash-panel-range' }, alerts ? 'now' : definition.range || '15m'),
        h('button', { type: 'button', class: 'icon-button dash-panel-remove', title: `Remove the panel "${definition.title}"`,
          'aria-label': `Remove panel ${definition.title}`, onclick: () => removePanel(definition.id) }, '×')),
    body);
    let dispose = () => {};
    let running = null;
    return {
      element,
      async run() {
        if (running) return; // the last refresh is still out: skip rather than pile up
        running = new AbortController();
        const signal = running.signal;
        controller.signal.addEventListener('abort', () => running?.abort(), { once: true });
        try {
          if (alerts) {
            const answer = await fetchAlerts(signal);
            replace(body, alertsView(answer));
          } else {
            const [answer, baseline] = await Promise.all([query(definition.query, { from: range.from, signal }),
              judgesHealth(definition) ? history(definition.query, range.from, signal) : null]);
            dispose();
            dispose = drawPanel(body, answer, { panel: definition, href, traceHref: (traceId) => routeHash(`trace/${traceId}`),
              open: (q, r) => open(q, r ?? range), baseline });
          }
          element.dataset.state = 'ok';
        } catch (error) {
          if (error.name === 'AbortError') return;
          dispose();
          dispose = () => {};
          const note = alerts ? alertsNote(error) : null;
          replace(body, note ?? errorView(error, { query: definition.query, retry: () => this.run() }));
          element.dataset.state = note ? 'note' : 'error';
        } finally {
          running = null;
        }
      },
      dispose() {
        running?.abort();
        dispose();
      },
    };
  }

  /** Whether a panel lists the alerts (and runs no query). */
  function isAlertsPanel(definition) {
    return definition.visualization === 'alerts';
  }

  /** Whether a panel is a health matrix (a grid by level), which compares each service with its previous hour. */
  function judgesHealth(definition) {
    return definition.visualization === 'matrix' && /\blevel\b/i.test(definition.query);
  }

  /**
   * A matrix panel's query over the hour before its range (lib/health.js compares each service with
   * it); null when that query fails — the matrix then judges by the rate alone.
   */
  async function history(text, from, signal) {
    const start = resolveTime(from);
    try {
      return await query(text, { from: isoOf(start - HISTORY_MS), to: isoOf(start - 1), signal });
    } catch (error) {
      if (error.name === 'AbortError') throw error;
      return null;
    }
  }

  function refreshAll() {
    for (const panel of state.panels.values()) panel.run();
    updated.textContent = `updated ${new Date().toLocaleTimeString()}`;
  }

  function scheduleRefresh() {
    clearInterval(state.timer);
    state.timer = autoRefresh.checked ? setInterval(() => {
      if (!document.hidden) refreshAll();
    }, AUTO_REFRESH_MS) : null;
  }
  autoRefresh.addEventListener('change', () => {
    try {
      localStorage.setItem(AUTO_REFRESH_KEY, String(autoRefresh.checked));
    } catch {
      // storage disabled: the choice lasts for this page only
    }
    scheduleRefresh();
  });

  /** PUTs a definition; true when saved (the error is shown in the message area otherwise). */
  async function save(definition, target = id) {
    replace(message);
    try {
      await putJson(`/api/v1/dashboards/${encodeURIComponent(target)}`, saved(definition), { signal: controller.signal });
      return true;
    } catch (error) {
      if (error.name !== 'AbortError') replace(message, errorView(error));
      return false;
    }
  }

  async function removePanel(panelId) {
    const previous = state.definition;
    const next = { ...previous, panels: previous.panels.filter((p) => p.id !== panelId) };
    if (await save(next)) {
      state.definition = next;
      drawGrid();
    }
  }

  function showPanelForm() {
    const titleInput = h('input', { type: 'text', name: 'title', required: true, placeholder: 'Errors by host', 'aria-label': 'Panel title' });
    const queryInput = h('textarea', { name: 'query', class: 'query-input', rows: 2, required: true, spellcheck: 'false',
      placeholder: 'level:ERROR | stats count() by host', 'aria-label': 'Panel query' });
    const visualization = h('select', { name: 'visualization', 'aria-label': 'Visualization' },
        VISUALIZATIONS.map((v) => h('option', { value: v, selected: v === 'table' }, v)));
    const range = h('select', { name: 'range', 'aria-label': 'Time range' }, RANGES.map((r) => h('option', { value: r, selected: r === '15m' }, `last ${r}`)));
    const width = h('select', { name: 'width', 'aria-label': 'Width' }, [3, 4, 6, 8, 12].map((w) => h('option', { value: String(w), selected: w === 6 }, `${w}/12 wide`)));
    const warning = h('input', { type: 'number', name: 'warning', min: 0, placeholder: 'warning ≥', 'aria-label': 'Warning threshold' });
    const critical = h('input', { type: 'number', name: 'critical', min: 0, placeholder: 'critical ≥', 'aria-label': 'Critical threshold' });
    const problem = h('div', { class: 'form-problem' });
    const queryParts = [h('label', { class: 'wide' }, 'Query', queryInput), h('label', {}, 'Range', range),
      h('label', {}, 'Thresholds', h('span', { class: 'toolbar' }, warning, critical))];
    const showQueryParts = () => { // an alerts panel lists the alerts: no query, range or thresholds
      const alerts = isAlertsPanel({ visualization: visualization.value });
      for (const part of queryParts) part.hidden = alerts;
      queryInput.required = !alerts;
    };
    visualization.addEventListener('change', showQueryParts);
    const form = h('form', { class: 'panel dash-form panel-form' },
        h('div', { class: 'panel-title' }, 'Add a panel'),
        h('div', { class: 'form-grid' },
            h('label', {}, 'Title', titleInput), queryParts[0],
            h('label', {}, 'Visualization', visualization), queryParts[1], h('label', {}, 'Width', width),
            queryParts[2]),
        problem,
        h('div', { class: 'toolbar' }, h('button', { type: 'submit', class: 'button primary' }, 'Add'),
            h('button', { type: 'button', class: 'button', onclick: closeEditor }, 'Cancel')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      replace(problem);
      const panel = {
        id: uniquePanelId(titleInput.value, state.definition.panels),
        title: titleInput.value.trim(),
        visualization: visualization.value,
        width: Number(width.value),
      };
      if (!isAlertsPanel(panel)) {
        panel.query = queryInput.value.trim();
        panel.range = range.value;
        const thresholds = {};
        if (warning.value !== '') thresholds.warning = Number(warning.value);
        if (critical.value !== '') thresholds.critical = Number(critical.value);
        if (Object.keys(thresholds).length) panel.thresholds = thresholds;
        try {
          await query(panel.query, { from: `now-${panel.range}`, limit: 0, signal: controller.signal }); // refuse a query that cannot run
        } catch (error) {
          if (error.name !== 'AbortError') replace(problem, errorView(error, { query: panel.query }));
          return;
        }
      }
      const next = { ...state.definition, panels: [...state.definition.panels, panel] };
      if (await save(next)) {
        state.definition = next;
        closeEditor();
        drawGrid();
      }
    });
    replace(editor, form);
    editor.hidden = false;
    titleInput.focus();
  }

  function showNewDashboardForm() {
    const idInput = h('input', { type: 'text', name: 'id', required: true, pattern: '[a-z0-9][a-z0-9\\-]{0,63}',
      placeholder: 'payments', 'aria-label': 'Dashboard id', title: 'lowercase letters, digits and dashes' });
    const titleInput = h('input', { type: 'text', name: 'title', placeholder: 'Payments on call', 'aria-label': 'Dashboard title' });
    const form = h('form', { class: 'panel dash-form new-dashboard-form' },
        h('div', { class: 'panel-title' }, 'New dashboard'),
        h('div', { class: 'form-grid' }, h('label', {}, 'Id', idInput), h('label', {}, 'Title', titleInput)),
        h('div', { class: 'toolbar' }, h('button', { type: 'submit', class: 'button primary' }, 'Create'),
            h('button', { type: 'button', class: 'button', onclick: closeEditor }, 'Cancel')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const target = idInput.value.trim();
      if (await save({ title: titleInput.value.trim() || target, panels: [] }, target)) {
        app.navigate(`dashboard/${target}`);
      }
    });
    replace(editor, form);
    editor.hidden = false;
    idInput.focus();
  }

  function closeEditor() {
    editor.hidden = true;
    replace(editor);
  }

  load();
  scheduleRefresh();
  return () => {
    state.stopped = true;
    clearInterval(state.timer);
    controller.abort();
    for (const panel of state.panels.values()) panel.dispose();
  };
}

/** What a PUT takes: the definition without what the server adds when answering (builtin, modified). */
function saved(definition) {
  const pick = (object, keys) => Object.fromEntries(keys.filter((key) => object[key] !== undefined).map((key) => [key, object[key]]));
  return { ...pick(definition, ['title', 'description']), panels: definition.panels.map((panel) => pick(panel, PANEL_KEYS)) };
}

/** A definition with the fields the page relies on; panels without an id get one. */
function normalize(definition) {
  if (!definition || !Array.isArray(definition.panels)) {
    throw new ApiError({ status: 500, message: 'the dashboard definition has no panels list' });
  }
  const panels = [];
  for (const panel of definition.panels) {
    panels.push({ ...panel, id: panel.id || uniquePanelId(panel.title, panels) });
  }
  return { ...definition, panels };
}

function clampWidth(width) {
  const n = Math.round(Number(width));
  return Number.isFinite(n) ? Math.min(12, Math.max(1, n)) : 6;
}

/** A panel id from its title ("Errors by host" → "errors-by-host"), made unique among panels. */
function uniquePanelId(title, panels) {
  const base = String(title ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'panel';
  let candidate = base;
  for (let n = 2; panels.some((p) => p.id === candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

function readAutoRefresh() {
  try {
    return localStorage.getItem(AUTO_REFRESH_KEY) !== 'false';
  } catch {
    return true;
  }
}
