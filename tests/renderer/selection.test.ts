import { describe, expect, it } from 'vitest';
import { clickSelection, pruneSelection } from '../../renderer/store/selection.js';

const order = ['a', 'b', 'c', 'd', 'e'];

describe('selecting rows with the mouse', () => {
  it('a plain click selects only that row and makes it the anchor', () => {
    expect(
      clickSelection(order, ['a', 'c'], 'a', { id: 'd', range: false, toggle: false }),
    ).toEqual({
      selection: ['d'],
      anchorId: 'd',
    });
  });

  it('Ctrl/Cmd-click (or a checkbox) adds or removes one row', () => {
    expect(clickSelection(order, ['a'], 'a', { id: 'c', range: false, toggle: true })).toEqual({
      selection: ['a', 'c'],
      anchorId: 'c',
    });
    expect(clickSelection(order, ['a', 'c'], 'c', { id: 'a', range: false, toggle: true })).toEqual(
      {
        selection: ['c'],
        anchorId: 'a',
      },
    );
  });

  it('Shift-click selects the range from the anchor, upwards or downwards', () => {
    expect(
      clickSelection(order, ['b'], 'b', { id: 'd', range: true, toggle: false }).selection,
    ).toEqual(['b', 'c', 'd']);
    expect(
      clickSelection(order, ['d'], 'd', { id: 'b', range: true, toggle: false }).selection,
    ).toEqual(['b', 'c', 'd']);
  });

  it('Shift-click on a checkbox adds the range to what was selected', () => {
    const result = clickSelection(order, ['a', 'c'], 'c', { id: 'e', range: true, toggle: true });
    expect(new Set(result.selection)).toEqual(new Set(['a', 'c', 'd', 'e']));
    expect(result.anchorId).toBe('c');
  });

  it('a range with no anchor selects just the clicked row', () => {
    expect(clickSelection(order, [], null, { id: 'c', range: true, toggle: false })).toEqual({
      selection: ['c'],
      anchorId: 'c',
    });
  });

  it('forgets rows that are no longer listed, keeping the array when nothing changed', () => {
    const selection = ['a', 'x', 'c'];
    expect(pruneSelection(selection, order)).toEqual(['a', 'c']);
    const kept = ['a', 'b'];
    expect(pruneSelection(kept, order)).toBe(kept);
  });
});
