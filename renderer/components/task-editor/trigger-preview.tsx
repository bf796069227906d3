import { CalendarClock, Loader2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { DstPolicy } from '../../../shared/schemas/task.js';
import type { Trigger } from '../../../shared/schemas/trigger.js';
import { formatInZone, formatRelative } from '../../format/time.js';
import { useActions } from '../../hooks/use-app-store.js';
import { useNow } from '../../hooks/use-now.js';
import { messageOf } from '../../store/slice.js';

/** How long typing must pause before the service is asked for the next times. */
const PREVIEW_DELAY_MS = 250;

type Preview =
  | { key: string; status: 'ready'; next: string[] }
  | { key: string; status: 'error'; message: string };

/** The zone a trigger's times are shown in: its own, else this computer's. */
function zoneOf(trigger: Trigger | null): string {
  return (
    (trigger?.type === 'cron' ? trigger.timezone : undefined) ??
    Intl.DateTimeFormat().resolvedOptions().timeZone
  );
}

interface TriggerPreviewProps {
  /** The trigger when it is valid on its own; null while it is not. */
  trigger: Trigger | null;
  dst: DstPolicy | undefined;
}

/**
 * The next five times a trigger fires, from `triggers.preview` (the engine's own scheduling
 * code, daylight saving included), shown in the trigger's zone. A once trigger's only time is
 * its own: it is shown without asking, since "in N minutes" moves it every second.
 */
export function TriggerPreview({ trigger, dst }: TriggerPreviewProps) {
  const { previewTrigger } = useActions();
  const now = useNow();
  const key = trigger === null ? '' : JSON.stringify([trigger, dst ?? null]);
  const [preview, setPreview] = useState<Preview | null>(null);

  useEffect(() => {
    if (trigger === null || trigger.type === 'once') return;
    let current = true;
    const timer = setTimeout(() => {
      previewTrigger(trigger, dst).then(
        (answer) => {
          if (current) setPreview({ key, status: 'ready', next: answer.next });
        },
        (error: unknown) => {
          if (current) setPreview({ key, status: 'error', message: messageOf(error) });
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // The key stands for the trigger and dst by value; objects are rebuilt on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, previewTrigger]);

  if (trigger === null) return null;
  const zone = zoneOf(trigger);
  const shown: Preview | null =
    trigger.type === 'once'
      ? { key, status: 'ready', next: Date.parse(trigger.at) > now ? [trigger.at] : [] }
      : preview;
  const stale = shown?.key !== key;
  return (
    <div className="trigger-preview" aria-live="polite" aria-busy={stale}>
      <div className="preview-head">
        <CalendarClock size={14} aria-hidden />
        <span>Next runs</span>
        <span className="faint">({zone})</span>
        {stale && <Loader2 size={13} className="spin faint" aria-label="Updating" />}
      </div>
      {shown?.status === 'error' ? (
        <p className="field-error">{shown.message}</p>
      ) : shown === null ? (
        <p className="faint">Working out the next times…</p>
      ) : shown.next.length === 0 ? (
        <p className="muted">
          {trigger.type === 'once'
            ? 'That time has passed, so it would not run.'
            : 'It will not fire again.'}
        </p>
      ) : (
        <ol className={`next-runs ${stale ? 'stale' : ''}`} aria-label={`Next runs in ${zone}`}>
          {shown.next.map((iso) => {
            const ms = Date.parse(iso);
            return (
              <li key={iso}>
                <time dateTime={iso} className="tabular">
                  {formatInZone(ms, zone)}
                </time>
                <span className="faint">{formatRelative(ms, now)}</span>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
