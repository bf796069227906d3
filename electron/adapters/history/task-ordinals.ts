/**
 * Task ids as small integers, each id held once however many segment summaries name it (a long
 * log has hundreds of sealed segments, each naming most tasks).
 */
export class TaskOrdinals {
  private readonly byId = new Map<string, number>();
  private readonly ids: string[] = [];

  /** The id's ordinal, given on first sight. */
  of(id: string): number {
    let ordinal = this.byId.get(id);
    if (ordinal === undefined) {
      ordinal = this.ids.length;
      this.ids.push(id);
      this.byId.set(id, ordinal);
    }
    return ordinal;
  }

  /** The id's ordinal, or undefined when it was never given one. */
  find(id: string): number | undefined {
    return this.byId.get(id);
  }

  /** The id an ordinal stands for. */
  id(ordinal: number): string {
    const id = this.ids[ordinal];
    if (id === undefined) throw new RangeError(`No task id has ordinal ${ordinal}`);
    return id;
  }

  /** How many ids have an ordinal. */
  get size(): number {
    return this.ids.length;
  }
}
