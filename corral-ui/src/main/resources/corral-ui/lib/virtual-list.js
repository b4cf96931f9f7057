// A virtualized list: only the rows in view (plus a margin) are in the DOM, so a list of
// thousands of events scrolls as fast as one of ten. Rows have one fixed height; at most one row
// is expanded at a time, and its detail (any height, measured once inserted) sits right below it.
//
//   const list = createVirtualList(scroller, {rowHeight: 26, renderRow, renderDetail, onNearEnd});
//   list.setItems(events); list.appendItems(more); list.toggle(index); list.collapse();
//
// renderRow(item, index) → element (positioned by the list); renderDetail(item, index) → element;
// onNearEnd() is called when the user scrolls within a few screens of the end (to load more).
// The scroller element must have a fixed height (flex) and gets overflow:auto.

import { h, throttleFrame } from './dom.js';

/** Rows rendered above and below the visible ones, so fast scrolling shows no blank. */
const OVERSCAN = 12;

export function createVirtualList(scroller, { rowHeight, renderRow, renderDetail = null, onNearEnd = null, footer = null }) {
  let items = [];
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

  const topOf = (index) => index * rowHeight + (expanded >= 0 && index > expanded ? detailHeight : 0);
  const totalHeight = () => items.length * rowHeight + (expanded >= 0 ? detailHeight : 0);
  const indexAt = (y) => {
    if (expanded >= 0 && y > topOf(expanded) + rowHeight) {
      const afterDetail = y - detailHeight;
      return Math.max(expanded, Math.floor(afterDetail / rowHeight));
    }
    return Math.floor(y / rowHeight);
  };

  function layout() {
    const height = totalHeight();
    const footerHeight = footerBox.offsetHeight;
    canvas.style.height = `${height + footerHeight}px`;
    footerBox.style.top = `${height}px`;
    const viewTop = scroller.scrollTop;
    const viewBottom = viewTop + scroller.clientHeight;
    const first = Math.max(0, indexAt(viewTop) - OVERSCAN);
    const last = Math.min(items.length - 1, indexAt(viewBottom) + OVERSCAN);
    for (const [index, row] of rendered) {
      if (index < first || index > last) {
        row.remove();
        rendered.delete(index);
      }
    }
    for (let index = first; index <= last; index++) {
      let row = rendered.get(index);
      if (!row) {
        row = renderRow(items[index], index);
        row.style.position = 'absolute';
        row.style.left = '0';
        row.style.right = '0';
        row.style.height = `${rowHeight}px`;
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
    if (onNearEnd && items.length > 0 && viewBottom + scroller.clientHeight * 2 >= height) {
      onNearEnd();
    }
  }

  const scheduleLayout = throttleFrame(layout);
  scroller.addEventListener('scroll', scheduleLayout, { passive: true });
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

  function setFooter(...children) {
    footerBox.replaceChildren(...children.filter(Boolean));
    layout();
  }
  if (footer) setFooter(footer);

  return {
    /** Replaces every item and scrolls to the top. */
    setItems(next) {
      collapse();
      dropAll();
      items = next;
      scroller.scrollTop = 0;
      layout();
    },
    /** Adds items at the end, keeping the scroll position and any expanded row. */
    appendItems(more) {
      items = items.concat(more);
      layout();
    },
    items: () => items,
    expandedIndex: () => expanded,
    /** Expands a row (collapsing any other), or collapses it when it is the expanded one. */
    toggle(index) {
      const wasExpanded = expanded === index;
      collapse();
      if (!wasExpanded && renderDetail && index >= 0 && index < items.length) {
        expanded = index;
        detail = renderDetail(items[index], index);
        detail.classList.add('vlist-detail');
        Object.assign(detail.style, { position: 'absolute', left: '0', right: '0' });
        canvas.append(detail);
        detailHeight = detail.offsetHeight;
      }
      layout();
      if (expanded >= 0) {
        const bottom = topOf(expanded) + rowHeight + detailHeight;
        if (bottom > scroller.scrollTop + scroller.clientHeight) {
          scroller.scrollTop = Math.min(topOf(expanded), bottom - scroller.clientHeight);
        }
      }
    },
    /** Collapses the expanded row, if any; answers whether one was expanded. */
    collapse() {
      const had = expanded >= 0;
      collapse();
      layout();
      return had;
    },
    /** Scrolls a row into view and gives it the keyboard focus. */
    focusIndex(index) {
      if (index < 0 || index >= items.length) return;
      const top = topOf(index);
      if (top < scroller.scrollTop) {
        scroller.scrollTop = top;
      } else if (top + rowHeight > scroller.scrollTop + scroller.clientHeight) {
        scroller.scrollTop = top + rowHeight - scroller.clientHeight;
      }
      layout();
      rendered.get(index)?.focus({ preventScroll: true });
    },
    /** Replaces the footer (e.g. a "load more" button or a "that is all" note). */
    setFooter,
    /** Rows currently in the DOM (for tests and debugging). */
    renderedCount: () => rendered.size,
    destroy() {
      resizeObserver.disconnect();
      scroller.removeEventListener('scroll', scheduleLayout);
      scroller.replaceChildren();
    },
  };
}
