// The field sidebar: the fields of a sample of the matching events, each with its top values
// and counts (GET /api/v1/fields). A click on a value filters for it; ⊖ filters it out.

import { h } from '../../lib/dom.js';
import { fields as fetchFields } from '../../lib/api.js';
import { valueText } from '../../lib/events.js';

/** Events sampled for the sidebar: enough for stable top values, cheap to read. */
const SAMPLE = 500;
/** Values listed per field. */
const TOP = 5;
/** Fields open without a click: the ones people filter by most. */
const OPEN_AT_FIRST = ['level', 'service'];

export function createFieldSidebar(container, { onFilter }) {
  const open = new Set(OPEN_AT_FIRST);
  const header = h('div', { class: 'sidebar-header' }, 'Fields');
  const body = h('div', { class: 'sidebar-body' });
  container.replaceChildren(header, body);

  function fieldBlock(field, sampled) {
    const isOpen = open.has(field.name);
    const share = sampled ? Math.round((field.count / sampled) * 100) : null;
    const toggle = h('button', { type: 'button', class: 'field-toggle', 'aria-expanded': String(isOpen),
      title: `${field.name}: in ${field.count} of ${sampled} sampled events (${field.type})` },
        h('span', { class: 'field-chevron' }, isOpen ? '▾' : '▸'),
        h('span', { class: 'field-label' }, field.name),
        h('span', { class: 'field-share muted' }, share === null ? '' : `${share}%`));
    const values = h('ul', { class: 'field-values', hidden: !isOpen }, (field.top ?? []).map((top) => {
      const width = field.count ? Math.max(2, Math.round((top.count / field.count) * 100)) : 0;
      return h('li', { class: 'field-value-row' },
          h('button', { type: 'button', class: 'field-value-button', title: `Filter for ${field.name}: ${valueText(top.value)}`,
            dataset: { field: field.name, value: valueText(top.value) },
            onclick: () => onFilter(field.name, top.value, false) },
              h('span', { class: 'field-value-text' }, valueText(top.value) || '(empty)'),
              h('span', { class: 'field-value-count muted' }, String(top.count)),
              h('span', { class: 'field-value-bar', style: { width: `${width}%` } })),
          h('button', { type: 'button', class: 'icon-button field-value-out', title: `Filter out ${field.name}: ${valueText(top.value)}`,
            dataset: { action: 'filter-out' }, onclick: () => onFilter(field.name, top.value, true) }, '⊖'));
    }));
    toggle.addEventListener('click', () => {
      const now = values.hidden;
      values.hidden = !now;
      toggle.setAttribute('aria-expanded', String(now));
      toggle.querySelector('.field-chevron').textContent = now ? '▾' : '▸';
      if (now) open.add(field.name); else open.delete(field.name);
    });
    return h('div', { class: 'field-block', dataset: { field: field.name } }, toggle, values);
  }

  return {
    async load(filterText, range, signal) {
      container.hidden = false;
      body.replaceChildren(h('div', { class: 'placeholder spinner' }, 'Reading fields'));
      let answer;
      try {
        answer = await fetchFields(filterText, { ...range, sample: SAMPLE, top: TOP, signal });
      } catch (e) {
        if (signal.aborted) return;
        body.replaceChildren(h('div', { class: 'placeholder' }, `Fields unavailable: ${e.message}`));
        return;
      }
      if (signal.aborted) return;
      // The server lists the canonical fields first, then by count; timestamps have no top values.
      const fields = answer.fields.filter((f) => f.type !== 'timestamp');
      header.replaceChildren('Fields', h('span', { class: 'muted' }, ` · ${answer.sampled} sampled`));
      body.replaceChildren(...(fields.length ? fields.map((f) => fieldBlock(f, answer.sampled))
          : [h('div', { class: 'placeholder' }, 'No fields')]));
    },
    hide() {
      container.hidden = true;
    },
  };
}
