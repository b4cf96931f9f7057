// The dashboard's alerts panel (visualization "alerts"): the alert instances firing now, then those
// pending (their condition holds, not yet for the rule's `for:`), drawn apart, from GET
// /api/v1/alerts/instances; each with its severity, rule, group, since when and value, and its links
// (lib/alert-links.js: Search, Trace, Root cause). The dashboard runs it like any panel, on each refresh.
//
// Some keys may not read alerts: the server refuses a key restricted to some services (the instances
// come from every service's events) and an ingest key; a server with alerting off has no such route.
// Those answers are a note in the panel, not an error: the other panels still draw.

import { getJson } from '../../lib/api.js';
import { instanceLinks } from '../../lib/alert-links.js';
import { h, loadStyle } from '../../lib/dom.js';
import { formatTimestamp } from '../../lib/time.js';
import { formatNumber } from '../../lib/units.js';
import { groupText } from '../alerts/group-text.js';

/** Rows the panel lists at most: beyond a screenful, the Alerts page is the place. */
export const MAX_ROWS = 50;
/** The states the panel lists, in this order; resolved instances are the Alerts page's. */
const LISTED = ['firing', 'pending'];

/** Reads the instances (the answer of GET /api/v1/alerts/instances). */
export function fetchAlerts(signal) {
  loadStyle('/ui/pages/alerts.css');
  return getJson('/api/v1/alerts/instances', {}, { signal });
}

/** The firing and pending instances of an answer, firing first, at most MAX_ROWS, and how many there are of each. */
export function listedInstances(answer) {
  const instances = (answer?.instances ?? []).filter((instance) => LISTED.includes(instance.state))
    .sort((a, b) => LISTED.indexOf(a.state) - LISTED.indexOf(b.state)); // stable: the API's newest first within a state
  const count = (state) => instances.filter((instance) => instance.state === state).length;
  return { shown: instances.slice(0, MAX_ROWS), firing: count('firing'), pending: count('pending'), total: instances.length };
}

/** The panel's body for an answer. */
export function alertsView(answer) {
  const { shown, firing, pending, total } = listedInstances(answer);
  if (total === 0) {
    return h('div', { class: 'panel-empty muted alerts-panel-empty' }, 'No alerts firing');
  }
  return h('div', { class: 'alerts-panel' },
      h('div', { class: 'alerts-panel-summary' },
          h('span', { class: firing ? 'alert-state alert-state-firing' : 'muted' }, firing ? `${firing} firing` : 'No alerts firing'),
          pending ? h('span', { class: 'alert-state alert-state-pending' }, ` · ${pending} pending`) : null,
          total > shown.length ? h('a', { class: 'alerts-panel-more', href: '#/alerts' }, ` · ${total - shown.length} more on the Alerts page`) : null),
      h('div', { class: 'panel-table-scroll' }, h('table', { class: 'data-table panel-table alert-instances' },
          h('thead', {}, h('tr', {}, ['state', 'severity', 'rule', 'group', 'since', 'value', ''].map((name) => h('th', {}, name)))),
          h('tbody', {}, shown.map(instanceRow)))));
}

function instanceRow(instance) {
  return h('tr', { class: ['alert-instance', `state-${instance.state}`], dataset: { rule: instance.rule, state: instance.state } },
      h('td', {}, h('span', { class: ['alert-state', `alert-state-${instance.state}`] }, instance.state),
          instance.silenced_by ? h('span', { class: 'alert-silenced muted', title: `silence ${instance.silenced_by}` }, ' silenced') : null),
      h('td', {}, h('span', { class: ['alert-severity', `severity-${instance.severity}`] }, instance.severity)),
      h('td', { class: 'alert-rule' }, h('a', { href: `#/alerts?${new URLSearchParams({ rule: instance.rule })}` }, instance.rule)),
      h('td', { class: 'alert-group mono' }, groupText(instance.group)),
      h('td', { class: 'alert-since', title: instance.since }, formatTimestamp(instance.since)),
      h('td', { class: 'num alert-value' }, instance.value === null || instance.value === undefined ? '–' : formatNumber(instance.value)),
      h('td', { class: 'alert-links' }, instanceLinks(instance)));
}

/**
 * The note for an answer that is not a failure of the panel but a fact about the key or the server
 * (403: this key may not read alerts; 404: alerting is off), or null for a real error.
 */
export function alertsNote(error) {
  if (error?.status === 403) {
    return h('div', { class: 'panel-note muted alerts-panel-note', dataset: { status: '403' } },
        h('div', {}, 'This key may not read the alerts, so this panel stays empty; the other panels show what the key may read.'),
        h('div', { class: 'alerts-panel-reason' }, error.message));
  }
  if (error?.status === 404) {
    return h('div', { class: 'panel-note muted alerts-panel-note', dataset: { status: '404' } },
        'This server does not evaluate alerts (alerts.enabled is false).');
  }
  return null;
}
