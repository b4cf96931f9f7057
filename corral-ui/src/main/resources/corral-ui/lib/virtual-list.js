// A virtualized list of fixed-height rows: however many items it holds, only the rows in view
// (plus a margin) are in the DOM, so thousands of events scroll as fast as ten. Search pages
// through an array and loads more near the end; live tail shows a bounded Ring (lib/ring.js) that
// drops its oldest items, and follows the newest row at the bottom until the user scrolls up.
//
//   const list = createVirtualList(scroller, {rowHeight: 26, renderRow, renderDetail, onNearEnd});
//   list.setItems(events); list.appendItems(more);            // an array that grows at the end
//   const tail = createVirtualList(viewport, {rowHeight: 24, renderRow, follow: true, onFollowChange});
//   tail.setItems(ring); tail.refresh({dropped: ring.push(batch)}); tail.follow();
//
// Items: an array, or any {length, get(i)} (item 0 drawn at the top). Rows: renderRow(item, index)
// returns a new element; the list positions it, gives it the class `vlist-row`, `data-index`,
// `role=row` and tabindex 0, and keeps it while it stays in view. A click on a row, or a toggle key
// (Enter and Space unless `toggleKeys` says otherwise) on it, expands it: renderDetail(item, index)
// (any height, measured once inserted) is drawn right below it, and onToggle(item, index, open) is
// told; ↑/↓ (or k/j) move the focus between rows. At most one row is expanded at a time.
// The scroller element must get its height from CSS (flex); it gets overflow-y:auto.

import { h, throttleFrame } from './dom.js';

/** Rows rendered above and below the visible ones, so fast scrolling shows no blank band. */
const OVERSCAN = 12;

/**
 * @param scroller the scrolling element
 * @param options.rowHeight height of every row in pixels
 * @param options.renderRow (item, index) → a new row element
 * @param options.renderDetail (item, index) → the expanded row's detail, or null for none in the list
 * @param options.onToggle (item, index, open) after a click or key expanded (open) or collapsed a row
 * @param options.onNearEnd () when the view comes within two screens of the end (to load more)
 * @param options.follow start following: keep the last row in view until the user scrolls away
 * @param options.onFollowChange (following) when following stops or starts again
 * @param options.toggleKeys keys that expand or collapse the focused row
 * @param options.footer an element drawn after the last row
 */
export function createVirtualList(scroller, { rowHeight, renderRow, renderDetail = null, onToggle = null, onNearEnd = null,
  follow = false, onFollowChange = null, toggleKeys = ['Enter', ' '], footer = null }) {
  let items = [];
  const follows = follow; // a list made to follow keeps doing so whenever the user is at the bottom
  let following = follow;
  let pinned = 0; // scrollTop where following last left the view
  let expanded = -1;
  let detail = null;
  let detailHeight = 0;
  const rendered = new Map(); // index → row element
  const canvas = h('div', { class: 'vlist-canvas', style: { position: 'relative', width: '100%' } });
  const footerBox = h('div', { class: 'vlist-footer', style: { position: 'absolute', left: '0', right: '0' } });
  scroller.classList.add('vlist');
  scroller.style.overflowY = 'auto';
  scroller.replaceChildren(canvas);
  canvas.append(footerBox);

  const count = () => items.length;
  const itemAt = (index) => (Array.isArray(items) ? items[index] : items.get(index));
  const topOf = (index) => index * rowHeight + (expanded >= 0 && index > expanded ? detailHeight : 0);
  const totalHeight = () => count() * rowHeight + (expanded >= 0 ? detailHeight : 0);
  const indexAt = (y) => {
    if (expanded >= 0 && y > topOf(expanded) + rowHeight) {
      return Math.max(expanded, Math.floor((y - detailHeight) / rowHeight));
    }
    return Math.floor(y / rowHeight);
  };

  const atBottom = () => scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - rowHeight;

  function layout() {
    if (following && Math.abs(scroller.scrollTop - pinned) > 1 && !atBottom()) {
      setFollowing(false); // the user scrolled up and the scroll event is still on its way
    }
    const height = totalHeight();
    canvas.style.height = `${height + footerBox.offsetHeight}px`;
    footerBox.style.top = `${height}px`;
    if (following) {
      const bottom = Math.max(0, scroller.scrollHeight - scroller.clientHeight);
      if (Math.abs(scroller.scrollTop - bottom) > 1) scroller.scrollTop = bottom;
      pinned = scroller.scrollTop;
    }
    const viewTop = scroller.scrollTop;
    const viewBottom = viewTop + scroller.clientHeight;
    const first = Math.max(0, indexAt(viewTop) - OVERSCAN);
    const last = Math.min(count() - 1, indexAt(viewBottom) + OVERSCAN);
    for (const [index, row] of rendered) {
      if (index < first || index > last) {
        row.remove();
        rendered.delete(index);
      }
    }
    for (let index = first; index <= last; index++) {
      let row = rendered.get(index);
      if (!row) {
        row = renderRow(itemAt(index), index);
        row.classList.add('vlist-row');
        Object.assign(row.style, { position: 'absolute', left: '0', right: '0', height: `${rowHeight}px` });
        row.setAttribute('role', 'row');
        row.tabIndex = 0;
        row.dataset.index = String(index);
        rendered.set(index, row);
        canvas.append(row);
      }
      row.style.top = `${topOf(index)}px`;
      row.classList.toggle('expanded', index === expanded);
    }
    if (detail) {
      detail.style.top = `${topOf(expanded) + rowHeight}px`;
    }
    if (onNearEnd && count() > 0 && viewBottom + scroller.clientHeight * 2 >= height) {
      onNearEnd();
    }
  }

  const scheduleLayout = throttleFrame(layout);

  function setFollowing(next) {
    pinned = scroller.scrollTop;
    if (following !== next) {
      following = next;
      onFollowChange?.(next);
    }
  }

  /**
   * Only the user and this list move the scroll position, and this list only moves it to the
   * bottom while following, or keeps the rows read in place while not: so being at the bottom
   * after a scroll is the same as wanting to follow. A layout that runs before the scroll event
   * arrives sees the position moved away from where it was pinned, and stops following too.
   */
  function scrolled() {
    if (follows) {
      setFollowing(atBottom());
    }
    scheduleLayout();
  }
  scroller.addEventListener('scroll', scrolled, { passive: true });
  const resizeObserver = new ResizeObserver(scheduleLayout);
  resizeObserver.observe(scroller);

  function dropAll() {
    for (const row of rendered.values()) row.remove();
    rendered.clear();
  }

  function collapse() {
    if (detail) detail.remove();
    detail = null;
    detailHeight = 0;
    expanded = -1;
  }

  function toggle(index) {
    const wasExpanded = expanded === index;
    collapse();
    if (!wasExpanded && index >= 0 && index < count()) {
      expanded = index;
      if (renderDetail) {
        detail = renderDetail(itemAt(index), index);
        detail.classList.add('vlist-detail');
        Object.assign(detail.style, { position: 'absolute', left: '0', right: '0' });
        canvas.append(detail);
        detailHeight = detail.offsetHeight;
      }
    }
    layout();
    if (detail) {
      const bottom = topOf(expanded) + rowHeight + detailHeight;
      if (bottom > scroller.scrollTop + scroller.clientHeight) {
        scroller.scrollTop = Math.min(topOf(expanded), bottom - scroller.clientHeight);
      }
    }
  }

  function focusIndex(index) {
    if (index < 0 || index >= count()) return;
    const top = topOf(index);
    if (top < scroller.scrollTop) {
      scroller.scrollTop = top;
    } else if (top + rowHeight > scroller.scrollTop + scroller.clientHeight) {
      scroller.scrollTop = top + rowHeight - scroller.clientHeight;
    }
    layout();
    rendered.get(index)?.focus({ preventScroll: true });
  }

  // One listener for every row: rows come and go as the list scrolls.
  const rowOf = (target) => {
    const row = target.closest('.vlist-row');
    return row && row.parentNode === canvas ? row : null;
  };
  function activate(index) {
    toggle(index);
    onToggle?.(itemAt(index), index, expanded === index);
  }
  canvas.addEventListener('click', (e) => {
    const row = rowOf(e.target);
    if (row) activate(Number(row.dataset.index));
  });
  canvas.addEventListener('keydown', (e) => {
    const row = rowOf(e.target);
    if (!row || e.ctrlKey || e.metaKey || e.altKey) return;
    const index = Number(row.dataset.index);
    if (toggleKeys.includes(e.key)) {
      e.preventDefault();
      activate(index);
      focusIndex(index);
    } else if (e.key === 'ArrowDown' || e.key === 'j') {
      e.preventDefault();
      focusIndex(index + 1);
    } else if (e.key === 'ArrowUp' || e.key === 'k') {
      e.preventDefault();
      focusIndex(index - 1);
    }
  });

  function setFooter(...children) {
    footerBox.replaceChildren(...children.filter(Boolean));
    layout();
  }
  if (footer) setFooter(footer);

  return {
    /** Replaces every item (an array or a {length, get(i)}); scrolls to the top, or the bottom when following. */
    setItems(next) {
      collapse();
      dropAll();
      items = next;
      scroller.scrollTop = 0;
      pinned = 0;
      layout();
    },
    /** Adds items at the end of an array, keeping the scroll position and any expanded row. */
    appendItems(more) {
      items = items.concat(more);
      layout();
    },
    /**
     * Redraws on the next frame after the items changed in place (a Ring that was pushed to).
     * `dropped`: items removed from the top since the last call; the rows still held keep their
     * elements, and when not following the view moves up by as many rows so what the user reads stays put.
     */
    refresh({ dropped = 0 } = {}) {
      if (dropped > 0) {
        const held = [...rendered];
        rendered.clear();
        for (const [index, row] of held) {
          if (index < dropped) {
            row.remove();
          } else {
            row.dataset.index = String(index - dropped);
            rendered.set(index - dropped, row);
          }
        }
        if (expanded >= dropped) {
          expanded -= dropped;
        } else if (expanded >= 0) {
          collapse();
        }
        if (!following) {
          scroller.scrollTop = Math.max(0, scroller.scrollTop - dropped * rowHeight);
        }
      }
      scheduleLayout();
    },
    /** Draws every row in view again (after what renderRow shows changed, e.g. a highlight). */
    redraw() {
      dropAll();
      layout();
    },
    items: () => items,
    expandedIndex: () => expanded,
    /** Expands a row (collapsing any other), or collapses it when it is the expanded one. */
    toggle,
    /** Collapses the expanded row, if any; answers whether one was expanded. */
    collapse() {
      const had = expanded >= 0;
      collapse();
      layout();
      return had;
    },
    /** Scrolls a row into view and gives it the keyboard focus. */
    focusIndex,
    /** Jumps to the last row and follows the newest again. */
    follow() {
      setFollowing(true);
      layout();
    },
    following: () => following,
    /** Replaces the footer (e.g. a "load more" button or a "that is all" note). */
    setFooter,
    /** Rows currently in the DOM (for tests and debugging). */
    renderedCount: () => rendered.size,
    destroy() {
      resizeObserver.disconnect();
      scroller.removeEventListener('scroll', scrolled);
      scroller.replaceChildren();
    },
  };
}
