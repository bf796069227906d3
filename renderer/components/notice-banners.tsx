import { Info, Loader2, X } from 'lucide-react';
import { useState } from 'react';
import { useActions, useAppStore } from '../hooks/use-app-store.js';

const DISMISSED_KEY = 'taskdeck.runsOnlyWhileOpen.dismissed';

/**
 * Banners above the screen: the link to Taskdeck while it is down (the window keeps trying and
 * reloads everything when it is back), and the reminder that tasks run only while Taskdeck
 * runs (dismissible). Problems the service found are on the dashboard.
 */
export function NoticeBanners() {
  const connection = useAppStore((state) => state.connection);
  const launchAtLogin = useAppStore((state) => state.settings?.launchAtLogin ?? true);
  const { navigate } = useActions();
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(DISMISSED_KEY) === '1');
  return (
    <div className="banners">
      {connection !== 'open' && (
        <div className="banner banner-warn" role="status">
          <Loader2 size={15} className="spin" aria-hidden />
          {connection === 'reconnecting'
            ? 'Reconnecting to Taskdeck… Changes you make now will not be saved until it is back; the window refreshes itself when it is.'
            : 'Connecting to Taskdeck…'}
        </div>
      )}
      {!dismissed && (
        <div className="banner banner-info">
          <Info size={15} aria-hidden />
          <span>
            Tasks run only while Taskdeck is running: keep it open, or in the tray, for your
            schedules to fire.
            {!launchAtLogin && (
              <>
                {' '}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    navigate({ screen: 'settings' });
                  }}
                >
                  Start it when you log in…
                </button>
              </>
            )}
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
