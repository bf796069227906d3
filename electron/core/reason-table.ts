/** Reason numbers start above 0, so a zeroed entry means "no reason kept". */
const NONE = 0;

/**
 * Trace reasons by number, each distinct text held once and counted by the entries that use
 * it; a text no entry uses any more is let go (its number is reused). An entry then keeps a
 * number among its bytes instead of a string in an array beside them, a cache line a fire
 * does not touch. Most reasons are few and shared (a trigger's description, a fixed sentence);
 * the ones made of figures ("waiting for a free slot (3 of 4 running)") come and go with the
 * entries that hold them, so the table never grows with time.
 */
export class ReasonTable {
  private readonly numbers = new Map<string, number>();
  private texts: (string | undefined)[] = [undefined];
  private uses = new Int32Array(16);
  private readonly free: number[] = [];

  /** The number of `text`, counted as used once more. */
  hold(text: string): number {
    let n = this.numbers.get(text);
    if (n === undefined) {
      n = this.free.pop() ?? this.texts.length;
      if (n === this.texts.length) this.texts.push(text);
      else this.texts[n] = text;
      if (n >= this.uses.length) {
        const grown = new Int32Array(this.uses.length * 2);
        grown.set(this.uses);
        this.uses = grown;
      }
      this.numbers.set(text, n);
    }
    this.uses[n] = (this.uses[n] as number) + 1;
    return n;
  }

  /** Counts one more use of number `n`, which must be held. */
  retain(n: number): void {
    this.uses[n] = (this.uses[n] as number) + 1;
  }

  /** Counts one use of number `n` fewer; at none, its text is let go. */
  release(n: number): void {
    if (n === NONE) return;
    const left = (this.uses[n] as number) - 1;
    this.uses[n] = left;
    if (left > 0) return;
    const text = this.texts[n];
    if (text !== undefined) this.numbers.delete(text);
    this.texts[n] = undefined;
    this.free.push(n);
  }

  /** The text of number `n` ('' for none). */
  text(n: number): string {
    return this.texts[n] ?? '';
  }

  /** Distinct texts held. */
  get size(): number {
    return this.numbers.size;
  }
}
