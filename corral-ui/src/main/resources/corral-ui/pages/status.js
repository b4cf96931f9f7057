// Status (#/status): what the server is doing, from GET /api/v1/stats every few seconds —
// ingest rate, WAL lag, partitions with sizes, events and tiers, disk use, dead letters, the heap,
// retention (the policy, a warning when none is set, when the disk fills, the recent deletions), the
// archive, the raw backup and the socket inputs' counters — and, when access control is on, who the tab's key is
// (GET /api/v1/auth/whoami): its id, name, scope, the services it may read and its expiry.

import { routeHash } from '../app.js';
import { stats, whoami } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { errorView } from '../lib/errors.js';
import { formatDuration } from '../lib/time.js';
import { countOf, formatBytes, formatCount, formatRate } from '../lib/units.js';

/** How often the page asks again: fresh enough to watch a backlog drain, cheap for the server. */
export const REFRESH_MS = 3000;
/** Below this share of the disk free, the disk card warns (ingest stops at storage.min_free_bytes). */
const LOW_DISK_SHARE = 0.1;
/** Above this share of the maximum heap still live after a collection, the heap card warns: the heap is too small. */
const HIGH_HEAP_SHARE = 0.8;
/** What each tier means, for the badge's tooltip (docs/search.md). */
const TIER_TITLES = {
  hot: 'hot: recent, written with the fast codec',
  warm: 'warm: compacted into one best-compression segment',
  archive: 'archive: only in the object store (archive.url), no longer on the local disk',
};

export function mount(container) {
  const updated = h('span', { class: 'status-updated muted' }, 'loading…');
  const body = h('div', { class: 'status-body' });
  replace(container, h('section', { class: 'page status-page' },
      h('div', { class: 'page-header' }, h('h1', {}, 'Status'), updated), body));

  let previous = null; // {at, events} of the last answer, for the rate when the server gives none
  let timer = null;
  let stopped = false;
  const controller = new AbortController();

  async function refresh() {
    try {
      const answer = await stats({ signal: controller.signal });
      const me = await identity(controller.signal);
      if (stopped) return;
      const now = performance.now();
      const events = storedEvents(answer);
      const rate = ingestRate(answer, previous, now, events);
      previous = { at: now, events };
      replace(body, h('div', {}, me?.access_control === 'keys' ? identityView(me) : null, view(answer, rate)));
      updated.textContent = `updated ${new Date().toLocaleTimeString()} · every ${REFRESH_MS / 1000} s`;
    } catch (error) {
      if (stopped || error.name === 'AbortError') return;
      replace(body, errorView(error, { retry: refresh }));
      updated.textContent = 'update failed';
    } finally {
      if (!stopped) {
        clearTimeout(timer);
        timer = setTimeout(refresh, REFRESH_MS);
      }
    }
  }
  refresh();
  return () => {
    stopped = true;
    clearTimeout(timer);
    controller.abort();
  };
}

/**
 * Who the tab's key is, or null when the server cannot say (the page still shows the stats);
 * asked after the stats, so a missing key is asked for once.
 */
async function identity(signal) {
  try {
    return await whoami({ signal });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    return null;
  }
}

/** The key the tab acts as: id, name, scope, what it may read and until when. */
function identityView(me) {
  const reads = me.read_restriction ? h('code', { class: 'read-restriction' }, me.read_restriction)
    : me.scope === 'ingest' ? 'nothing: an ingest key only writes' : 'every service';
  return h('section', { class: 'status-identity' },
      h('h2', {}, 'Your key'),
      keyValues([
        ['key', me.key_id],
        ['name', me.name],
        ['scope', me.scope],
        ['reads', reads],
        ['expires', me.expires ? new Date(me.expires).toLocaleString() : 'never'],
      ]),
      me.read_restriction ? h('p', { class: 'muted' },
          'The server hides what counts every service\'s events (ingest, partitions, WAL, inputs, disk) from this key.')
        : null);
}

/** Events in the store plus those waiting to be indexed. */
function storedEvents(answer) {
  const inPartitions = (answer.partitions ?? []).reduce((sum, p) => sum + (p.events ?? 0), 0);
  return inPartitions + (answer.pending_events ?? 0);
}

/**
 * Events per second: the server's rate over the last 10 seconds when it reports one, else the
 * change in stored events since the last look.
 */
function ingestRate(answer, previous, now, events) {
  const reported = answer.ingest?.events_per_second;
  const recent = typeof reported === 'number' ? reported : reported?.last_10s;
  if (Number.isFinite(recent)) return recent;
  if (!previous || now <= previous.at) return NaN;
  return Math.max(0, (events - previous.events) / ((now - previous.at) / 1000));
}

function view(answer, rate) {
  const wal = answer.wal ?? {};
  const partitions = answer.partitions ?? [];
  const partitionBytes = partitions.reduce((sum, p) => sum + (p.size_bytes ?? 0), 0);
  const walLag = Number.isFinite(wal.lag_bytes) ? wal.lag_bytes
    : Number.isFinite(wal.end_position) && Number.isFinite(wal.checkpoint) ? Math.max(0, wal.end_position - wal.checkpoint) : NaN;
  const disk = answer.disk ?? {};
  const used = Number.isFinite(disk.data_bytes) ? disk.data_bytes : partitionBytes + (wal.bytes_on_disk ?? 0);
  const deadLetters = answer.dead_letters;
  const minuteRate = answer.ingest?.events_per_second?.last_1m;
  return h('div', {},
      h('div', { class: 'cards' },
          card('Ingest rate', [formatRate(rate), h('span', { class: 'card-unit' }, ' events/s')], 'ingest-rate',
              [Number.isFinite(minuteRate) ? `${formatRate(minuteRate)}/s over 1 min` : null,
                Number.isFinite(answer.ingest?.events_total) ? `${formatCount(answer.ingest.events_total)} since start` : null]
                  .filter(Boolean).join(' · ')),
          card('Stored events', formatCount(storedEvents(answer)), 'stored-events', countOf(partitions.length, 'partition')),
          card('WAL lag', formatBytes(walLag), 'wal-lag', `${countOf(answer.pending_events ?? NaN, 'event')} waiting to be indexed`),
          card('Disk use', formatBytes(used), 'disk-use',
              Number.isFinite(disk.free_bytes) ? [h('span', { class: 'nowrap' }, `${formatBytes(disk.free_bytes)} free`), ' ',
                h('span', { class: 'nowrap' }, `of ${formatBytes(disk.total_bytes)}`)] : null,
              disk.total_bytes > 0 && disk.free_bytes / disk.total_bytes < LOW_DISK_SHARE ? 'warning' : null),
          card('Dead letters', deadLetters === null || deadLetters === undefined ? '?' : formatCount(deadLetters), 'dead-letters',
              h('a', { href: routeHash('search', { q: 'logtype:dead_letter' }), class: 'dead-letter-link' }, 'search logtype:dead_letter'),
              deadLetters > 0 ? 'warning' : null),
          card('Live tails', formatCount(answer.tail?.subscribers ?? NaN), 'tails',
              answer.tail?.dropped_events > 0 ? `${formatCount(answer.tail.dropped_events)} events dropped for slow tails` : null),
          answer.jvm ? heapCard(answer.jvm) : null,
          answer.retention ? retentionCard(answer.retention) : null),
      answer.retention ? retentionSection(answer.retention) : null,
      h('h2', {}, 'Partitions'),
      partitionsTable(partitions),
      archiveSection(answer.archive),
      backupSection(answer.backup),
      h('h2', {}, 'Write-ahead log'),
      keyValues([
        ['segments', formatCount(wal.segments)],
        ['bytes on disk', formatBytes(wal.bytes_on_disk)],
        ['appends', formatCount(wal.appends)],
        ['group commits (fsyncs)', formatCount(wal.group_commits)],
        ['positions (start → end)', `${formatPosition(wal.start_position)} → ${formatPosition(wal.end_position)}`],
        ['committed to the store', formatPosition(wal.checkpoint)],
      ]),
      h('h2', {}, 'Inputs'),
      inputsTable(answer.inputs ?? {}),
      h('p', { class: 'muted status-server' }, [answer.version ? `Corral ${answer.version}` : null,
        Number.isFinite(answer.uptime_seconds) ? `up ${formatDuration(answer.uptime_seconds * 1000)}` : null].filter(Boolean).join(' · ')));
}

/** A byte offset in the write-ahead log, exact (it is a position, not a size). */
function formatPosition(position) {
  return Number.isFinite(position) ? position.toLocaleString('en-US') : '–';
}

function card(label, value, key, detail = null, tone = null) {
  return h('div', { class: ['card', tone && `card-${tone}`], dataset: { card: key } },
      h('div', { class: 'card-label' }, label),
      h('div', { class: 'card-value' }, value),
      detail ? h('div', { class: 'card-detail muted' }, detail) : null);
}

/**
 * The heap: what was live after the last collection against the maximum (whether the heap is big
 * enough), and what is used now, garbage included. Before the first collection only "used" is known.
 */
function heapCard(jvm) {
  const max = jvm.heap_max_bytes > 0 ? jvm.heap_max_bytes : jvm.heap_committed_bytes;
  const collected = jvm.heap_live_after_gc_bytes > 0;
  const value = collected ? jvm.heap_live_after_gc_bytes : jvm.heap_used_bytes;
  const share = max > 0 ? Math.min(1, value / max) : NaN;
  const tone = collected && share > HIGH_HEAP_SHARE ? 'warning' : null;
  return card('Heap', formatBytes(value), 'heap', [
    Number.isFinite(share) ? h('div', { class: 'card-bar', role: 'presentation', title: `${Math.round(share * 100)} % of the maximum` },
        h('div', { style: { width: `${(share * 100).toFixed(1)}%` } })) : null,
    h('div', {}, h('span', { class: 'nowrap' }, collected ? 'live after GC' : 'used, no GC yet'), ' ',
        h('span', { class: 'nowrap' }, `of ${formatBytes(max)} max`)),
    h('div', {}, `${formatBytes(jvm.heap_used_bytes)} used now`),
  ], tone);
}

/**
 * Retention's card: the age limit (or "none", a warning: the disk fills and ingest stops), and when
 * the disk fills at the present rate (docs/operations.md, "Retention").
 */
function retentionCard(retention) {
  const policy = retention.policy ?? {};
  const limits = [policy.max_age && policy.max_age !== '0' ? `${policy.max_age}` : null,
    policy.max_bytes > 0 ? formatBytes(policy.max_bytes) : null].filter(Boolean);
  const rules = policy.rules?.length ? countOf(policy.rules.length, 'rule') : null;
  const value = retention.keeps_everything ? 'none' : limits.length ? limits.join(' · ') : rules;
  return card('Retention', value, 'retention', projectionText(retention), retention.keeps_everything ? 'warning' : null);
}

/** When the disk fills at the present rate, or what the policy keeps; null while the rate is unknown. */
function projectionText(retention) {
  const p = retention.projection ?? {};
  if (!Number.isFinite(p.bytes_per_day)) return retention.keeps_everything ? 'everything is kept forever' : null;
  const rate = `${formatBytes(p.bytes_per_day)}/day`;
  if (Number.isFinite(p.retained_bytes)) {
    return p.fits ? `keeps about ${formatBytes(p.retained_bytes)} at ${rate}: fits on the disk`
      : `keeps about ${formatBytes(p.retained_bytes)} at ${rate}: more than the disk holds`;
  }
  return Number.isFinite(p.days_until_full) ? `disk full in about ${formatDays(p.days_until_full)} at ${rate}` : null;
}

function formatDays(days) {
  return days < 1 ? 'less than a day' : countOf(Math.floor(days), 'day');
}

/** The warning when nothing limits what is kept, the policy, and the recent deletions, newest first. */
function retentionSection(retention) {
  const recent = retention.recent ?? [];
  const policy = retention.policy ?? {};
  return h('div', { class: 'retention-section' },
      h('h2', {}, 'Retention'),
      retention.keeps_everything
        ? h('p', { class: 'retention-warning' },
            'No retention is set: every event is kept forever, the disk fills, and ingest stops at storage.min_free_bytes. '
            + 'Set retention.max_age (docs/operations.md).')
        : null,
      keyValues([
        ['max age', policy.max_age && policy.max_age !== '0' ? policy.max_age : 'none'],
        ['max size', policy.max_bytes > 0 ? formatBytes(policy.max_bytes) : 'none'],
        ['rules', policy.rules?.length ? policy.rules.map((r) => `${r.match} (${r.max_age})`).join(', ') : 'none'],
        ['set by', retention.policy_source ?? '–'],
        ['projection', projectionText(retention) ?? 'not enough history yet'],
        ['last run', retention.last_run ?? 'not yet'],
        ['deleted since start', `${countOf(retention.dropped_days ?? NaN, 'day')} dropped, ${countOf(retention.deleted_events ?? NaN, 'event')}, ${formatBytes(retention.bytes_reclaimed)}`],
        ['errors', retention.errors > 0 ? `${formatCount(retention.errors)}: ${retention.last_error}` : 'none'],
      ]),
      recent.length === 0 ? h('p', { class: 'muted retention-recent-none' }, 'Nothing deleted yet.')
        : h('ul', { class: 'retention-recent' }, recent.map((d) => h('li', { dataset: { day: d.day, action: d.action } },
            deletionText(d)))));
}

/** "dropped 2026-10-01: 1.2 GiB, 4.1 M events, by max_age (30d)"; "deleted 12,345 events of 2026-10-02 by rule level:DEBUG (3d)". */
function deletionText(d) {
  return d.action === 'dropped'
    ? `dropped ${d.day}: ${formatBytes(d.bytes)}, ${countOf(d.events, 'event')}, by ${d.reason}`
    : `deleted ${countOf(d.events, 'event')} of ${d.day} by ${d.reason}`;
}

/** Newest first; the tier column appears once the server reports tiers. */
function partitionsTable(partitions) {
  if (partitions.length === 0) {
    return h('p', { class: 'muted' }, 'No partitions yet: nothing has been stored.');
  }
  const tiers = partitions.some((p) => p.tier);
  const newestFirst = [...partitions].sort((a, b) => String(b.day).localeCompare(String(a.day)));
  return h('table', { class: 'data-table partitions-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'day'), tiers ? h('th', {}, 'tier') : null, h('th', { class: 'num' }, 'events'),
          h('th', { class: 'num' }, 'size'), h('th', { class: 'num' }, 'bytes/event'), h('th', { class: 'num' }, 'WAL position'))),
      h('tbody', {}, newestFirst.map((p) => h('tr', { dataset: { day: p.day } },
          h('td', {}, h('a', { href: routeHash('search', { q: '*', from: p.day, to: nextDay(p.day) }) }, p.day)),
          tiers ? h('td', { class: 'partition-tier' }, p.tier ? h('span', { class: ['tier', `tier-${p.tier}`], title: TIER_TITLES[p.tier] ?? p.tier }, p.tier) : null) : null,
          h('td', { class: 'num partition-events' }, formatCount(p.events)),
          h('td', { class: 'num partition-size' }, formatBytes(p.size_bytes)),
          h('td', { class: 'num' }, p.events > 0 ? formatCount(p.size_bytes / p.events) : '–'),
          h('td', { class: 'num' }, formatPosition(p.committed_position))))));
}

/**
 * The archive (docs/operations.md): where, whether it works (its one-line error), and the archived
 * days with their tier — warm while also on the local disk, archive once only in the bucket.
 * Nothing when the archive is off or the server has none.
 */
function archiveSection(archive) {
  if (!archive || archive.state === 'off') return null;
  const days = archive.days ?? [];
  const failing = archive.state === 'failing';
  return h('section', { class: 'archive-section', dataset: { archiveState: archive.state } },
      h('h2', {}, 'Archive'),
      h('p', {}, [archive.url, failing ? 'failing' : 'ok', `${countOf(archive.archived_days ?? days.length, 'day')} archived`,
        formatBytes(archive.archived_bytes ?? 0)].join(' · ')),
      failing && archive.error ? h('p', { class: 'archive-error card-warning' }, archive.error) : null,
      archiveCache(archive.cache, archive.pinned ?? []),
      days.length === 0 ? h('p', { class: 'muted' }, 'No day archived yet.') :
        h('table', { class: 'data-table archive-table' },
            h('thead', {}, h('tr', {}, h('th', {}, 'day'), h('th', {}, 'tier'), h('th', { class: 'num' }, 'events'),
                h('th', { class: 'num' }, 'size'), h('th', {}, 'archived at'))),
            h('tbody', {}, [...days].reverse().map((d) => h('tr', { dataset: { day: d.day } },
                h('td', {}, d.day),
                h('td', {}, h('span', { class: ['tier', `tier-${d.tier}`], title: TIER_TITLES[d.tier] ?? d.tier }, d.tier)),
                h('td', { class: 'num' }, formatCount(d.events)),
                h('td', { class: 'num' }, formatBytes(d.bytes)),
                h('td', {}, d.archived_at ?? '–'))))));
}

/** Most of the fetch cache in use before the page warns: a query needing room may then be refused (507). */
const CACHE_WARN_FRACTION = 0.9;

/**
 * The archive's fetch cache (docs/operations.md, The fetch cache): bytes used of archive.cache_bytes,
 * the days cached (and those running queries read), and the days `corral restore` pinned — never
 * evicted until released — each with whether it is in the cache yet, and how to release them.
 */
function archiveCache(cache, pinned) {
  if (!cache) return null;
  const days = cache.days ?? [];
  const full = cache.max_bytes > 0 && cache.bytes >= CACHE_WARN_FRACTION * cache.max_bytes;
  return h('div', { class: 'archive-cache' },
      h('p', { class: ['archive-cache-use', full ? 'card-warning' : null] },
          [`Fetch cache: ${formatBytes(cache.bytes ?? 0)} of ${formatBytes(cache.max_bytes ?? 0)} (archive.cache_bytes)`,
            `${countOf(days.length, 'day')} cached`,
            cache.held > 0 ? `${countOf(cache.held, 'day')} read by running queries` : null].filter(Boolean).join(' · ')),
      days.length === 0 ? null : h('p', { class: 'archive-cached-days muted' }, `Cached: ${days.join(', ')}`),
      pinned.length === 0 ? null : h('div', { class: 'archive-pins' },
          h('p', {}, `${countOf(pinned.length, 'day')} pinned by corral restore (never evicted until released):`),
          h('ul', { class: 'archive-pinned' }, pinned.map((day) => h('li', { dataset: { day } },
              `${day} · ${days.includes(day) ? 'in the cache' : 'not fetched yet'}`))),
          h('p', { class: 'archive-release-hint muted' }, 'Release them with ',
              h('code', {}, `corral restore --release --from ${pinned[0]} --to ${pinned[pinned.length - 1]}`),
              ' (or --release --all); they stay cached until the cache needs the room.')));
}

/**
 * The raw backup (docs/operations.md, Raw backup): where, whether it works (its one-line error), how
 * far behind ingest it is, and what the WAL's retention dropped before it was backed up. Nothing
 * when the backup is off or the server has none.
 */
function backupSection(backup) {
  if (!backup || backup.state === 'off') return null;
  const gaps = backup.recent_gaps ?? [];
  return h('section', { class: 'backup-section', dataset: { backupState: backup.state } },
      h('h2', {}, 'Raw backup'),
      h('p', {}, [backup.url, backup.state, `${formatCount(backup.objects ?? 0)} objects`,
        formatBytes(backup.uploaded_bytes ?? 0)].join(' · ')),
      backup.error ? h('p', { class: 'archive-error card-warning backup-error' }, backup.error) : null,
      keyValues([
        ['behind ingest', `${formatCount(backup.lag_records ?? 0)} records · ${formatBytes(backup.lag_bytes ?? 0)} · ${backup.lag_seconds ?? 0} s`],
        ['last object', backup.last_object || '–'],
      ]),
      backup.gaps > 0 ? h('p', { class: 'card-warning backup-gaps' },
          `${countOf(backup.gaps, 'gap')} since start (${formatBytes(backup.missed_bytes ?? 0)} not backed up)`) : null,
      gaps.length === 0 ? null : h('ul', { class: 'backup-gap-list' }, gaps.map((gap) => h('li', {}, gap.message))));
}

/** The day after an ISO date (YYYY-MM-DD), for a partition's search range. */
function nextDay(day) {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return '';
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function keyValues(pairs) {
  return h('dl', { class: 'key-values' }, pairs.map(([key, value]) => [h('dt', {}, key), h('dd', {}, value)]));
}

/**
 * One row per input: where it listens (its own port, or HTTP on the API's port) and its counters;
 * columns are the union of the counters (they differ between HTTP, UDP and TCP inputs).
 */
function inputsTable(inputs) {
  const names = Object.keys(inputs);
  if (names.length === 0) {
    return h('p', { class: 'muted' }, 'No inputs are listening.');
  }
  const counters = [...new Set(names.flatMap((name) => Object.keys(inputs[name])
      .filter((key) => key !== 'port' && key !== 'listens_on')))];
  return h('table', { class: 'data-table inputs-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'input'), h('th', { class: 'num' }, 'port'),
          counters.map((counter) => h('th', { class: 'num' }, counter.replaceAll('_', ' '))))),
      h('tbody', {}, names.map((name) => h('tr', { dataset: { input: name } },
          h('td', {}, name),
          h('td', { class: 'num input-port' }, inputs[name].port === undefined ? 'HTTP' : String(inputs[name].port)),
          counters.map((counter) => h('td', { class: 'num' },
              counter in inputs[name] ? formatCount(inputs[name][counter]) : ''))))));
}
