// A virtualized list of fixed-height rows: however many items the source holds, only the rows in
// view (plus a small margin) exist in the DOM, and they are reused as the list scrolls or grows.
// It follows the newest item at the bottom until the user scrolls up (scroll-lock), and follows
// again once they scroll back to the bottom.
//
//   const list = new VirtualRows(viewport, { rowHeight: 22, source, renderRow(el, item, index) {…},
//                                            onFollowChange(following) {…} });
//   list.refresh({ dropped: 3 });   // after the source changed; dropped = items that fell off the top
//   list.follow();                  // jump to the newest and follow again
//   list.destroy();

import { h } from './dom.js';

/** Rows drawn beyond each edge of the view, so a fast scroll shows no blank band. */
const OVERSCAN = 8;

export class VirtualRows {
  /**
   * @param viewport the scrolling element (its height comes from CSS)
   * @param options.source {length, get(i)}: item 0 is the oldest, drawn at the top
   * @param options.renderRow (element, item, index) fills a row element for an item
   */
  constructor(viewport, { rowHeight, source, renderRow, onFollowChange = () => {} }) {
    this.viewport = viewport;
    this.rowHeight = rowHeight;
    this.source = source;
    this.renderRow = renderRow;
    this.onFollowChange = onFollowChange;
    this.following = true;
    this.pool = []; // row elements, reused
    this.drawn = new Map(); // index → element, for rows drawn in the last frame
    this.spacer = h('div', { class: 'vrows-spacer' });
    this.viewport.classList.add('vrows');
    this.viewport.append(this.spacer);
    this.frame = 0;
    this.onScroll = () => this.scrolled();
    this.viewport.addEventListener('scroll', this.onScroll, { passive: true });
    this.resizeObserver = new ResizeObserver(() => this.schedule());
    this.resizeObserver.observe(this.viewport);
    this.schedule();
  }

  /**
   * Redraws on the next animation frame. `dropped`: items removed from the top since the last
   * call; when the user is reading older rows the view shifts up by as many so the same rows stay put.
   */
  refresh({ dropped = 0 } = {}) {
    if (dropped > 0 && !this.following) {
      this.viewport.scrollTop = Math.max(0, this.viewport.scrollTop - dropped * this.rowHeight);
    }
    this.schedule();
  }

  /** Jumps to the newest row and keeps following. */
  follow() {
    this.setFollowing(true);
    this.schedule();
  }

  /** Scrolls so that item `index` is in view (stops following when it is not the newest). */
  reveal(index) {
    const top = index * this.rowHeight;
    const { scrollTop, clientHeight } = this.viewport;
    if (top < scrollTop || top + this.rowHeight > scrollTop + clientHeight) {
      this.setFollowing(index >= this.source.length - 1);
      this.viewport.scrollTop = Math.max(0, top - clientHeight / 2);
    }
    this.schedule();
  }

  schedule() {
    if (!this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.draw();
      });
    }
  }

  /** Number of row elements in the DOM: bounded by the view's height, not by the items. */
  get rowCount() {
    return this.drawn.size;
  }

  draw() {
    const total = this.source.length;
    this.spacer.style.height = `${total * this.rowHeight}px`;
    if (this.following) {
      const bottom = Math.max(0, total * this.rowHeight - this.viewport.clientHeight);
      if (Math.abs(this.viewport.scrollTop - bottom) > 1) {
        this.viewport.scrollTop = bottom;
      }
    }
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / this.rowHeight) - OVERSCAN);
    const last = Math.min(total - 1, Math.ceil((this.viewport.scrollTop + this.viewport.clientHeight) / this.rowHeight) + OVERSCAN);
    const next = new Map();
    for (const [index, element] of this.drawn) {
      if (index < first || index > last) {
        element.remove();
        this.pool.push(element);
      }
    }
    for (let index = first; index <= last; index++) {
      const element = this.drawn.get(index) ?? this.pool.pop() ?? h('div', { class: 'vrow', role: 'row' });
      element.style.transform = `translateY(${index * this.rowHeight}px)`;
      element.style.height = `${this.rowHeight}px`;
      element.dataset.index = String(index);
      // Contents are redrawn every frame: an index holds a different item once older ones fell off.
      this.renderRow(element, this.source.get(index), index);
      if (!element.isConnected) this.viewport.append(element);
      next.set(index, element);
    }
    this.drawn = next;
  }

  /**
   * Only this list and the user move the scroll position, and this list only moves it to the
   * bottom while following, or keeps older rows in place while not: so being at the bottom after
   * a scroll is the same as wanting to follow.
   */
  scrolled() {
    const { scrollTop, clientHeight, scrollHeight } = this.viewport;
    this.setFollowing(scrollTop + clientHeight >= scrollHeight - this.rowHeight);
    this.schedule();
  }

  setFollowing(following) {
    if (this.following !== following) {
      this.following = following;
      this.onFollowChange(following);
    }
  }

  destroy() {
    cancelAnimationFrame(this.frame);
    this.viewport.removeEventListener('scroll', this.onScroll);
    this.resizeObserver.disconnect();
    this.viewport.replaceChildren();
  }
}
