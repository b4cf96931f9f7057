// The live preview's real samples: the last events an input received, as they arrived and before any
// pipeline (GET /api/v1/inputs/recent[/{input}], admin keys only: they are not redacted). The panel
// lists the inputs that received events, and hands the chosen input's last N events to the page as
// the sample, which the page then runs the edited pipeline on (the simulation).

import { ApiError, getJson } from '../lib/api.js';
import { h } from '../lib/dom.js';

/**
 * The "recent events of an input" controls.
 *
 * @param {{count: HTMLInputElement, signal: AbortSignal, onSamples: (samples: object[], note: string) => void,
 *   onNote: (note: string) => void}} options
 * @returns {HTMLElement}
 */
export function recentInputPanel({ count, signal, onSamples, onNote }) {
  const select = h('select', { class: 'pipeline-input', 'aria-label': 'Input whose recent events are the sample' },
      h('option', { value: '' }, 'Input…'));
  const button = h('button', { type: 'button', class: 'button pipeline-use-input' }, 'Use recent events');

  async function listInputs() {
    try {
      const answer = await getJson('/api/v1/inputs/recent', {}, { signal });
      const inputs = answer?.inputs ?? [];
      select.replaceChildren(h('option', { value: '' }, inputs.length ? 'Input…' : 'no input received events yet'),
          ...inputs.map((input) => h('option', { value: input.input }, `${input.input} (${input.events})`)));
    } catch (error) {
      if (error.name === 'AbortError') return;
      select.disabled = true;
      button.disabled = true;
      select.title = accessNote(error);
    }
  }

  async function useInput() {
    if (!select.value) {
      await listInputs();
      onNote('Choose an input first');
      return;
    }
    const limit = Math.max(1, Number(count.value) || 1);
    onNote(`fetching the recent events of ${select.value}…`);
    try {
      const answer = await getJson(`/api/v1/inputs/recent/${encodeURIComponent(select.value)}`,
          { limit: String(limit) }, { signal });
      const samples = answer.events ?? [];
      onSamples(samples, `Sample: the last ${samples.length} events input ${select.value} received (before any pipeline)`);
    } catch (error) {
      if (error.name === 'AbortError') return;
      onNote(`Cannot fetch the recent events of ${select.value}: ${accessNote(error)}`);
    }
  }

  button.addEventListener('click', useInput);
  listInputs();
  return h('span', { class: 'pipeline-recent' }, select, button);
}

function accessNote(error) {
  return error instanceof ApiError && error.status === 403
    ? 'an admin key is needed: these events are not redacted' : error.message;
}
