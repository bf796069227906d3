import { X } from 'lucide-react';
import { useId } from 'react';
import { useActions } from '../hooks/use-app-store.js';
import { DIALOG_KEYS, GLOBAL_SHORTCUTS, LIST_KEYS, type KeyHelp } from '../keyboard/shortcuts.js';
import { ModalDialog } from './modal-dialog.js';

function KeyTable({ title, keys }: { title: string; keys: readonly KeyHelp[] }) {
  return (
    <section className="shortcut-group" aria-label={title}>
      <h3>{title}</h3>
      <dl className="shortcut-list">
        {keys.map((entry) => (
          <div key={entry.label} className="shortcut">
            <dt>
              {entry.keys.map((key) => (
                <kbd key={key} className="kbd">
                  {key}
                </kbd>
              ))}
            </dt>
            <dd>{entry.label}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Every keyboard shortcut of the window, grouped by where it works (press ? to open). */
export function HelpOverlay() {
  const titleId = useId();
  const { setHelpOpen } = useActions();
  const close = () => {
    setHelpOpen(false);
  };
  return (
    <ModalDialog labelledBy={titleId} onClose={close} className="help-overlay">
      <header className="help-head">
        <h2 id={titleId}>Keyboard shortcuts</h2>
        <button
          type="button"
          className="btn btn-quiet btn-icon"
          aria-label="Close"
          data-autofocus
          onClick={close}
        >
          <X size={16} aria-hidden />
        </button>
      </header>
      <div className="help-body">
        <KeyTable title="Anywhere" keys={GLOBAL_SHORTCUTS} />
        <div className="help-column">
          <KeyTable title="In the task list" keys={LIST_KEYS} />
          <KeyTable title="In dialogs and search" keys={DIALOG_KEYS} />
        </div>
      </div>
      <p className="help-foot muted">
        Shortcuts pause while you type in a field. Press <kbd className="kbd">?</kbd> or{' '}
        <kbd className="kbd">Esc</kbd> to close this.
      </p>
    </ModalDialog>
  );
}
