// The query bar: one input with autocompletion, history and a syntax-help popover.
//
// Keys while typing: suggestions open as you type a field, a value after "field:", or a pipe
// after "|"; ↑/↓ move in them, Tab takes the highlighted one (else the first), Enter takes the
// highlighted one, Esc closes them; Ctrl+Space opens them. Enter with nothing highlighted runs
// the query, so typing a whole query and pressing Enter always runs it. With no suggestions
// open, ↑/↓ walk through the history.
//
//   const bar = createQueryBar({value, placeholder, history, suggest, onRun});
//   container.append(bar.element); bar.set('level:ERROR'); bar.value(); bar.setInvalid(true);

import { h, debounce } from './dom.js';
import { completionContext } from './completions.js';
import { syntaxHelp } from './syntax-help.js';

/** Wait after a keystroke before asking the server for suggestions. */
const SUGGEST_DELAY_MS = 120;

export function createQueryBar({ value = '', placeholder = 'Search, e.g. level:ERROR service:checkout', history = null, suggest = null, onRun }) {
  const input = h('input', {
    type: 'text', class: 'query-input', name: 'q', value, placeholder, spellcheck: 'false', autocomplete: 'off',
    'aria-label': 'Query', 'aria-autocomplete': 'list', 'aria-expanded': 'false', role: 'combobox',
    dataset: { focusKey: '/' },
  });
  const list = h('ul', { class: 'popover autocomplete', role: 'listbox', hidden: true });
  const help = syntaxHelp((example) => { set(example); toggleHelp(false); input.focus(); });
  const helpButton = h('button', { type: 'button', class: 'icon-button help-button', title: 'Query syntax',
    'aria-label': 'Query syntax help', 'aria-expanded': 'false', onclick: () => toggleHelp() }, '?');
  const runButton = h('button', { type: 'button', class: 'button primary run-button', title: 'Run (Enter)', onclick: () => run() }, 'Search');
  const element = h('div', { class: 'query-bar' },
      h('div', { class: 'query-field' }, input, list), helpButton, runButton, help.element);

  let items = [];
  let active = -1;
  let context = null;
  let abort = null;
  let historyIndex = -1;
  let draft = '';
  let openSoon = null;

  function set(text) {
    input.value = text;
    historyIndex = -1;
    close();
  }

  function run() {
    close();
    history?.add(input.value);
    historyIndex = -1;
    onRun(input.value.trim());
  }

  function close() {
    openSoon?.cancel();
    abort?.abort();
    abort = null;
    items = [];
    active = -1;
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute('aria-expanded', 'false');
  }

  function render() {
    list.replaceChildren(...items.map((item, i) => h('li', {
      role: 'option', class: ['suggestion', i === active ? 'active' : null], 'aria-selected': String(i === active),
      dataset: { value: item.label, kind: item.kind },
      onpointerdown: (event) => { event.preventDefault(); accept(i); },
    }, h('span', { class: 'suggestion-label' }, item.label),
        h('span', { class: 'suggestion-kind' }, item.kind),
        item.detail ? h('span', { class: 'suggestion-detail' }, item.detail) : null)));
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(items.length > 0));
  }

  async function open({ explicit = false } = {}) {
    if (!suggest) return;
    const caret = input.selectionStart ?? input.value.length;
    const next = completionContext(input.value, caret);
    if (next.kind === 'none' || (!explicit && next.prefix === '' && next.kind !== 'value' && next.kind !== 'pipe')) {
      close();
      return;
    }
    abort?.abort();
    const controller = new AbortController();
    abort = controller;
    let found;
    try {
      found = await suggest(next, controller.signal);
    } catch (e) {
      if (e.name === 'AbortError') return;
      found = [];
    }
    if (controller.signal.aborted || document.activeElement !== input) return;
    context = next;
    items = found;
    active = -1;
    render();
  }
  openSoon = debounce(open, SUGGEST_DELAY_MS);

  function accept(index) {
    const item = items[index];
    if (!item || !context) return;
    const text = input.value;
    const next = text.slice(0, context.start) + item.insert + text.slice(context.end).replace(/^\s+/, item.insert.endsWith(' ') ? '' : '$&');
    const caret = context.start + item.insert.length;
    input.value = next;
    input.setSelectionRange(caret, caret);
    close();
    if (item.reopen) open();
  }

  function walkHistory(step) {
    const entries = history?.entries() ?? [];
    if (entries.length === 0) return;
    if (historyIndex === -1) draft = input.value;
    const next = Math.min(entries.length - 1, Math.max(-1, historyIndex + step));
    historyIndex = next;
    input.value = next === -1 ? draft : entries[next];
    input.setSelectionRange(input.value.length, input.value.length);
  }

  function toggleHelp(show = help.element.hidden) {
    help.element.hidden = !show;
    helpButton.setAttribute('aria-expanded', String(show));
  }

  input.addEventListener('keydown', (event) => {
    const suggesting = items.length > 0;
    if (event.key === ' ' && event.ctrlKey) {
      event.preventDefault();
      open({ explicit: true });
    } else if (suggesting && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const down = event.key === 'ArrowDown';
      active = active < 0 ? (down ? 0 : items.length - 1) : (active + (down ? 1 : -1) + items.length) % items.length;
      render();
    } else if (suggesting && (event.key === 'Tab' || (event.key === 'Enter' && active >= 0))) {
      event.preventDefault();
      accept(active >= 0 ? active : 0);
    } else if (event.key === 'Escape') {
      if (suggesting || !help.element.hidden) {
        event.preventDefault();
        event.stopPropagation();
        close();
        toggleHelp(false);
      }
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run();
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      walkHistory(event.key === 'ArrowUp' ? 1 : -1);
    }
  });
  input.addEventListener('input', () => {
    historyIndex = -1;
    openSoon();
  });
  input.addEventListener('blur', () => close());
  const outside = (event) => {
    if (!help.element.hidden && !help.element.contains(event.target) && event.target !== helpButton) toggleHelp(false);
  };
  document.addEventListener('pointerdown', outside);

  return {
    element,
    input,
    value: () => input.value.trim(),
    set,
    focus: () => input.focus(),
    /** Marks the input as holding a query the server refused. */
    setInvalid: (invalid) => input.classList.toggle('invalid', invalid),
    destroy() {
      openSoon.cancel();
      close();
      document.removeEventListener('pointerdown', outside);
    },
  };
}
