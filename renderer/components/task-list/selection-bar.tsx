import { Pause, Play, Trash2, X } from 'lucide-react';
import { useActions } from '../../hooks/use-app-store.js';
import { plural } from '../../store/slice.js';

interface SelectionBarProps {
  selection: string[];
  onRequestDelete: (ids: string[]) => void;
}

/** What can be done to the selected tasks at once. */
export function SelectionBar({ selection, onRequestDelete }: SelectionBarProps) {
  const { pauseTasks, resumeTasks, setSelection } = useActions();
  return (
    <div className="selection-bar" role="toolbar" aria-label="Selected tasks">
      <span className="selection-count">{plural(selection.length, 'task')} selected</span>
      <button type="button" className="btn btn-sm" onClick={() => void pauseTasks(selection)}>
        <Pause size={14} aria-hidden /> Pause
      </button>
      <button type="button" className="btn btn-sm" onClick={() => void resumeTasks(selection)}>
        <Play size={14} aria-hidden /> Resume
      </button>
      <button
        type="button"
        className="btn btn-sm danger-text"
        onClick={() => {
          onRequestDelete(selection);
        }}
      >
        <Trash2 size={14} aria-hidden /> Delete…
      </button>
      <button
        type="button"
        className="btn btn-sm btn-quiet"
        onClick={() => {
          setSelection([], null);
        }}
      >
        <X size={14} aria-hidden /> Clear selection
      </button>
    </div>
  );
}
