// Search page (skeleton; the full page follows).
import { h } from '../lib/dom.js';

export function mount(container, params, app) {
  container.append(h('div', { class: 'placeholder' }, `Search: ${params.q ?? ''}`));
  return () => {};
}
