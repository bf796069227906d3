/** What a click on a row does to the selection. */
export interface SelectionClick {
  id: string;
  /** Shift: select the range from the anchor. */
  range: boolean;
  /** Ctrl/Cmd or a checkbox: add or remove this one row. */
  toggle: boolean;
}

/**
 * The selection after a click, as file managers do it: a range click selects everything
 * between the anchor and the row (added to the rest when toggling too); a toggle flips one row
 * and moves the anchor; a plain click selects only that row.
 */
export function clickSelection(
  order: readonly string[],
  selection: readonly string[],
  anchorId: string | null,
  click: SelectionClick,
): { selection: string[]; anchorId: string } {
  const anchorAt = anchorId === null ? -1 : order.indexOf(anchorId);
  const at = order.indexOf(click.id);
  if (click.range && anchorAt !== -1 && at !== -1) {
    const [from, to] = anchorAt <= at ? [anchorAt, at] : [at, anchorAt];
    const range = order.slice(from, to + 1);
    const base = click.toggle ? selection.filter((id) => !range.includes(id)) : [];
    return { selection: [...base, ...range], anchorId: anchorId ?? click.id };
  }
  if (click.toggle) {
    const selected = selection.includes(click.id);
    return {
      selection: selected ? selection.filter((id) => id !== click.id) : [...selection, click.id],
      anchorId: click.id,
    };
  }
  return { selection: [click.id], anchorId: click.id };
}

/** Keeps only ids that are still listed (after a filter change or a removal). */
export function pruneSelection(selection: readonly string[], order: readonly string[]): string[] {
  if (selection.length === 0) return selection as string[];
  const listed = new Set(order);
  const kept = selection.filter((id) => listed.has(id));
  return kept.length === selection.length ? (selection as string[]) : kept;
}
