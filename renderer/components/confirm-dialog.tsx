import { useId } from 'react';
import { ModalDialog } from './modal-dialog.js';

interface ConfirmDialogProps {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/** Asks before something that cannot be undone; Cancel has the focus, so Enter is safe. */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const titleId = useId();
  return (
    <ModalDialog labelledBy={titleId} onClose={onCancel} className="confirm" role="alertdialog">
      <div className="confirm-body">
        <h2 id={titleId}>{title}</h2>
        <p className="muted">{message}</p>
      </div>
      <div className="confirm-actions">
        <button type="button" className="btn" onClick={onCancel} data-autofocus>
          Cancel
        </button>
        <button type="button" className="btn btn-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
