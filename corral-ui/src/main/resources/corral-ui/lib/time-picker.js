// The time range picker: a button naming the range ("Last 15 minutes") that opens a popover
// with relative presets and absolute from/to fields (ISO-8601 or expressions like now-2h).
//
//   const picker = createTimePicker({from, to}, (range) => …);  container.append(picker.element);
//   picker.set({from, to});

import { h } from './dom.js';
import { RANGE_PRESETS, describeRange, resolveTime, isoOf, DEFAULT_RANGE } from './time.js';

/** A small clock drawn in SVG (no icon font, no emoji font needed). */
function clockIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('class', 'icon');
  svg.setAttribute('aria-hidden', 'true');
  const circle = document.createElementNS(ns, 'circle');
  Object.entries({ cx: 8, cy: 8, r: 6.5, fill: 'none', stroke: 'currentColor', 'stroke-width': 1.5 })
      .forEach(([k, v]) => circle.setAttribute(k, v));
  const hands = document.createElementNS(ns, 'path');
  Object.entries({ d: 'M8 4.5V8l2.5 1.5', fill: 'none', stroke: 'currentColor', 'stroke-width': 1.5, 'stroke-linecap': 'round' })
      .forEach(([k, v]) => hands.setAttribute(k, v));
  svg.append(circle, hands);
  return svg;
}

export function createTimePicker(initial, onChange) {
  let range = { ...DEFAULT_RANGE, ...initial };
  const label = h('span', { class: 'time-picker-label' });
  const button = h('button', { type: 'button', class: 'button time-picker-button', title: 'Time range',
    'aria-haspopup': 'dialog', 'aria-expanded': 'false' }, clockIcon(), label);
  const fromInput = h('input', { type: 'text', class: 'mono', name: 'from', spellcheck: 'false', placeholder: 'now-15m or 2026-11-21T17:00:00Z' });
  const toInput = h('input', { type: 'text', class: 'mono', name: 'to', spellcheck: 'false', placeholder: 'now' });
  const problem = h('div', { class: 'time-picker-problem', role: 'alert' });
  const form = h('form', { class: 'time-picker-absolute' },
      h('label', {}, 'From', fromInput),
      h('label', {}, 'To', toInput),
      problem,
      h('button', { type: 'submit', class: 'button primary' }, 'Apply'));
  const presets = h('ul', { class: 'time-picker-presets' }, RANGE_PRESETS.map((preset) =>
      h('li', {}, h('button', { type: 'button', class: 'link-button', dataset: { from: preset.from },
        onclick: () => choose({ from: preset.from, to: preset.to }) }, preset.label))));
  const popover = h('div', { class: 'popover time-picker-popover', role: 'dialog', 'aria-label': 'Time range', hidden: true },
      h('div', { class: 'time-picker-columns' },
          h('div', {}, h('div', { class: 'popover-heading' }, 'Relative'), presets),
          h('div', {}, h('div', { class: 'popover-heading' }, 'Absolute'), form)));
  const element = h('div', { class: 'time-picker' }, button, popover);

  function render() {
    label.textContent = describeRange(range);
    fromInput.value = range.from;
    toInput.value = range.to || 'now';
    button.title = `Time range: ${range.from} → ${range.to || 'now'}`;
  }

  function open(show) {
    popover.hidden = !show;
    button.setAttribute('aria-expanded', String(show));
    if (show) {
      render();
      problem.textContent = '';
      fromInput.focus();
    }
  }

  function choose(next) {
    range = next;
    render();
    open(false);
    onChange({ ...range });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const from = fromInput.value.trim() || DEFAULT_RANGE.from;
    const to = toInput.value.trim() || 'now';
    const fromMs = resolveTime(from);
    const toMs = resolveTime(to);
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) {
      problem.textContent = `Not a time: ${!Number.isFinite(fromMs) ? from : to} (use 2026-11-21T17:00:00Z or now-1h)`;
      return;
    }
    if (fromMs > toMs) {
      problem.textContent = `From (${isoOf(fromMs)}) is after To (${isoOf(toMs)})`;
      return;
    }
    choose({ from, to });
  });
  button.addEventListener('click', () => open(popover.hidden));
  popover.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      open(false);
      button.focus();
    }
  });
  const outside = (event) => {
    if (!popover.hidden && !element.contains(event.target)) open(false);
  };
  document.addEventListener('pointerdown', outside);
  render();

  return {
    element,
    /** Shows another range without calling onChange. */
    set(next) {
      range = { ...DEFAULT_RANGE, ...next };
      render();
    },
    get: () => ({ ...range }),
    destroy() {
      document.removeEventListener('pointerdown', outside);
    },
  };
}
