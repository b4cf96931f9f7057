// A bounded list that keeps the newest items: appending past the capacity drops the oldest.
// What live tail holds, so a stream of any length never grows the page's memory.

export class Ring {
  /** @param capacity most items kept (a positive integer) */
  constructor(capacity) {
    if (!Number.isInteger(capacity) || capacity <= 0) {
      throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.items = new Array(capacity);
    this.head = 0; // index of the oldest item
    this.length = 0;
    this.dropped = 0; // items pushed out since the ring was made or cleared
    this.appended = 0; // items ever appended: an item's sequence number is appended - length + i
  }

  /** Appends items, oldest first; returns how many older items fell out to make room. */
  push(newItems) {
    let fell = 0;
    // Only the last `capacity` of a huge batch can stay: skip the rest without touching them.
    const skip = Math.max(0, newItems.length - this.capacity);
    fell += skip;
    this.appended += skip;
    for (let i = skip; i < newItems.length; i++) {
      if (this.length === this.capacity) {
        this.head = (this.head + 1) % this.capacity;
        this.length--;
        fell++;
      }
      this.items[(this.head + this.length) % this.capacity] = newItems[i];
      this.length++;
      this.appended++;
    }
    this.dropped += fell;
    return fell;
  }

  /** The i-th item, 0 being the oldest kept. */
  get(i) {
    if (i < 0 || i >= this.length) return undefined;
    return this.items[(this.head + i) % this.capacity];
  }

  /** Sequence number (counting every item ever appended) of the i-th kept item: stable across drops. */
  sequence(i) {
    return this.appended - this.length + i;
  }

  /** Index of the item with sequence number {@code seq}, or -1 when it fell out or never was. */
  indexOf(seq) {
    const i = seq - (this.appended - this.length);
    return i >= 0 && i < this.length ? i : -1;
  }

  clear() {
    this.items = new Array(this.capacity);
    this.head = 0;
    this.length = 0;
    this.dropped = 0;
    this.appended = 0;
  }
}
