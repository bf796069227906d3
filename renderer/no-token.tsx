import { KeyRound } from 'lucide-react';

/** Shown when the page was opened without its access link, so it cannot reach Taskdeck. */
export function NoToken() {
  return (
    <div className="no-token">
      <div className="no-token-card">
        <KeyRound size={32} strokeWidth={1.5} aria-hidden className="empty-icon" />
        <h1>Open Taskdeck from its link</h1>
        <p className="muted">
          This window needs the address Taskdeck printed when it started, the one ending in{' '}
          <code>?token=…</code>. It keeps other pages from controlling your tasks.
        </p>
        <p className="muted">
          Run <code>taskdeck serve</code> and open the address it prints, or find it in{' '}
          <code>endpoint.json</code> in Taskdeck’s data folder.
        </p>
      </div>
    </div>
  );
}
