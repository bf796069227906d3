import clsx from 'clsx';
import { useEffect, useEffectEvent, useRef, type ReactNode } from 'react';

interface ModalDialogProps {
  /** The id of the heading that names the dialog. */
  labelledBy: string;
  onClose: () => void;
  className?: string;
  role?: 'dialog' | 'alertdialog';
  /** A press outside the box closes it (default); off where closing would lose typing. */
  closeOnBackdrop?: boolean;
  children: ReactNode;
}

/**
 * A modal on the native `<dialog>`: the browser traps focus, makes the rest inert and closes it
 * on Escape (reported through `onClose`). Focus starts on the element marked
 * `data-autofocus` (else the first control) and returns where it was when the dialog goes.
 */
export function ModalDialog(props: ModalDialogProps) {
  const { labelledBy, onClose, className, role, closeOnBackdrop = true, children } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useEffectEvent(onClose);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    const previous = document.activeElement;
    dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    const onCancel = (event: Event) => {
      event.preventDefault();
      cancel();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.close();
      if (previous instanceof HTMLElement) previous.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={clsx('modal', className)}
      aria-labelledby={labelledBy}
      role={role}
      onMouseDown={(event) => {
        // A press on the backdrop (the dialog box itself, outside its content) closes it.
        if (closeOnBackdrop && event.target === event.currentTarget) onClose();
      }}
    >
      {children}
    </dialog>
  );
}
