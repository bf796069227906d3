const ARITY = 4;
const INITIAL_CAPACITY = 64;

/**
 * A min-heap of items by a numeric key, then by a sequence number (equal keys come out in
 * sequence order). It is four-ary and keeps each entry's key and sequence side by side in one
 * typed array, so a level of the heap is one cache line of numbers: with hundreds of thousands
 * of entries, a binary heap with separate arrays missed the cache three times per level on
 * twice as many levels. Pushing and popping allocate nothing.
 */
export class KeyedHeap<T> {
  private items: (T | undefined)[] = [];
  /** Entry i's key at 2i, its sequence number at 2i + 1. */
  private numbers = new Float64Array(2 * INITIAL_CAPACITY);
  private length = 0;

  /** Entries in the heap. */
  get size(): number {
    return this.length;
  }

  /** The smallest key, or Infinity when empty. */
  peekKey(): number {
    return this.length === 0 ? Infinity : (this.numbers[0] as number);
  }

  /** The smallest key's sequence number (meaningless when empty). */
  peekSeq(): number {
    return this.numbers[1] as number;
  }

  /** The entry that would be popped next, if any. */
  peek(): T | undefined {
    return this.length === 0 ? undefined : this.items[0];
  }

  push(item: T, key: number, seq: number): void {
    if (2 * this.length === this.numbers.length) this.grow();
    const { items, numbers } = this;
    let index = this.length++;
    while (index > 0) {
      const parent = ((index - 1) / ARITY) | 0;
      const parentKey = numbers[2 * parent] as number;
      const parentSeq = numbers[2 * parent + 1] as number;
      if (parentKey < key || (parentKey === key && parentSeq < seq)) break;
      items[index] = items[parent];
      numbers[2 * index] = parentKey;
      numbers[2 * index + 1] = parentSeq;
      index = parent;
    }
    items[index] = item;
    numbers[2 * index] = key;
    numbers[2 * index + 1] = seq;
  }

  /** Takes the entry with the smallest key (then sequence), or undefined when empty. */
  pop(): T | undefined {
    if (this.length === 0) return undefined;
    const { items, numbers } = this;
    const top = items[0];
    const last = --this.length;
    const item = items[last];
    const key = numbers[2 * last] as number;
    const seq = numbers[2 * last + 1] as number;
    items[last] = undefined;
    if (last === 0) return top;
    let index = 0;
    for (;;) {
      const first = ARITY * index + 1;
      if (first >= last) break;
      // The smallest of up to four children, which sit next to each other.
      let child = first;
      let childKey = numbers[2 * first] as number;
      let childSeq = numbers[2 * first + 1] as number;
      const end = Math.min(first + ARITY, last);
      for (let other = first + 1; other < end; other++) {
        const otherKey = numbers[2 * other] as number;
        const otherSeq = numbers[2 * other + 1] as number;
        if (otherKey < childKey || (otherKey === childKey && otherSeq < childSeq)) {
          child = other;
          childKey = otherKey;
          childSeq = otherSeq;
        }
      }
      if (key < childKey || (key === childKey && seq < childSeq)) break;
      items[index] = items[child];
      numbers[2 * index] = childKey;
      numbers[2 * index + 1] = childSeq;
      index = child;
    }
    items[index] = item;
    numbers[2 * index] = key;
    numbers[2 * index + 1] = seq;
    return top;
  }

  /** Keeps only the entries `keep` accepts, in their order (keys and sequences unchanged). */
  filter(keep: (item: T) => boolean): void {
    const kept: { item: T; key: number; seq: number }[] = [];
    for (let i = 0; i < this.length; i++) {
      const item = this.items[i] as T;
      if (keep(item))
        kept.push({
          item,
          key: this.numbers[2 * i] as number,
          seq: this.numbers[2 * i + 1] as number,
        });
    }
    this.clear();
    for (const entry of kept) this.push(entry.item, entry.key, entry.seq);
  }

  /** Every entry (in heap order, not sorted). */
  *entries(): IterableIterator<T> {
    for (let i = 0; i < this.length; i++) yield this.items[i] as T;
  }

  clear(): void {
    this.items = [];
    this.length = 0;
  }

  private grow(): void {
    const numbers = new Float64Array(this.numbers.length * 2);
    numbers.set(this.numbers);
    this.numbers = numbers;
  }
}
