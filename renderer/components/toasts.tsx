import { CircleAlert, CircleCheck, X } from 'lucide-react';
import { useEffect } from 'react';
import { useActions, useAppStore } from '../hooks/use-app-store.js';
import type { Toast } from '../store/app-state.js';

const SHOWN_MS = { info: 4_000, error: 8_000 };

function ToastItem({ toast }: { toast: Toast }) {
  const { dismissToast } = useActions();
  useEffect(() => {
    const timer = setTimeout(() => {
      dismissToast(toast.id);
    }, SHOWN_MS[toast.kind]);
    return () => {
      clearTimeout(timer);
    };
  }, [toast, dismissToast]);
  const Icon = toast.kind === 'error' ? CircleAlert : CircleCheck;
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
      <Icon size={16} aria-hidden className="toast-icon" />
      <span className="toast-text">{toast.message}</span>
      <button
        type="button"
        className="btn btn-quiet btn-icon btn-sm"
        aria-label="Dismiss"
        onClick={() => {
          dismissToast(toast.id);
        }}
      >
        <X size={14} aria-hidden />
      </button>
    </div>
  );
}

/** Short messages in the corner: what was done, or what failed and why. */
export function Toasts() {
  const toasts = useAppStore((state) => state.toasts);
  return (
    <div className="toasts" role="region" aria-label="Notifications">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </div>
  );
}
