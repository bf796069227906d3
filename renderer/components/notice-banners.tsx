import { AlertTriangle, Info, Loader2, X } from 'lucide-react';
import { useState } from 'react';
import { useAppStore } from '../hooks/use-app-store.js';

const DISMISSED_KEY = 'taskdeck.runsOnlyWhileOpen.dismissed';

/**
 * Banners above the screen: the link to Taskdeck when it is down, problems the service found
 * (such as a damaged file it moved aside), and the reminder that tasks run only while
 * Taskdeck runs (dismissible).
 */
export function NoticeBanners() {
  const connection = useAppStore((state) => state.connection);
  const problems = useAppStore((state) => state.problems);
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(DISMISSED_KEY) === '1');
  return (
    <div className="banners">
      {connection !== 'open' && (
        <div className="banner banner-warn" role="status">
          <Loader2 size={15} className="spin" aria-hidden />
          {connection === 'reconnecting'
            ? 'Reconnecting to Taskdeck… Changes you make now will not be saved until it is back.'
            : 'Connecting to Taskdeck…'}
        </div>
      )}
      {problems.map((problem) => (
        <div
          key={`${problem.code}:${problem.path ?? ''}`}
          className="banner banner-warn"
          role="alert"
        >
          <AlertTriangle size={15} aria-hidden />
          <span>
            {problem.message}
            {problem.path !== undefined && (
              <>
                {' '}
                <code>{problem.path}</code>
              </>
            )}
          </span>
        </div>
      ))}
      {!dismissed && (
        <div className="banner banner-info">
          <Info size={15} aria-hidden />
          <span>
            Tasks run only while Taskdeck is running: keep it open, or in the tray, for your
            schedules to fire.
          </span>
          <button
            type="button"
            className="btn btn-quiet btn-icon btn-sm banner-close"
            aria-label="Dismiss this reminder"
            onClick={() => {
              localStorage.setItem(DISMISSED_KEY, '1');
              setDismissed(true);
            }}
          >
            <X size={14} aria-hidden />
          </button>
        </div>
      )}
    </div>
  );
}
