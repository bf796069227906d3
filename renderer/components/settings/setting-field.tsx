import clsx from 'clsx';
import { Check, Loader2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { TaskdeckError } from '../../../shared/errors.js';
import type { Settings } from '../../../shared/schemas/settings.js';
import { useActions } from '../../hooks/use-app-store.js';
import {
  boundsOf,
  checkNumber,
  describeBounds,
  toShown,
  type NumberSpec,
  type ToggleSpec,
} from '../../settings/setting-specs.js';
import { messageOf } from '../../store/slice.js';

/** Typing pauses this long before a number is applied (Enter or leaving the field applies now). */
const APPLY_AFTER_MS = 700;

type Status =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; message: string };

/** The service's words for why `key` was refused, from its field issues when it has them. */
function refusal(error: unknown, key: string): string {
  if (error instanceof TaskdeckError) {
    const issue = error.issues.find((candidate) => candidate.path[0] === key);
    if (issue !== undefined) return issue.message;
  }
  return messageOf(error);
}

function StatusNote({ status, id }: { status: Status; id: string }) {
  return (
    <span id={id} className={clsx('setting-status', status.kind)} role="status">
      {status.kind === 'saving' && (
        <>
          <Loader2 size={13} className="spin" aria-hidden /> Saving…
        </>
      )}
      {status.kind === 'saved' && (
        <>
          <Check size={13} aria-hidden /> Saved
        </>
      )}
    </span>
  );
}

/** Shows "Saved" for a moment after a change was applied. */
function useSavedFades(status: Status, setStatus: (status: Status) => void): void {
  useEffect(() => {
    if (status.kind !== 'saved') return;
    const timer = setTimeout(() => {
      setStatus({ kind: 'idle' });
    }, 2_000);
    return () => {
      clearTimeout(timer);
    };
  }, [status, setStatus]);
}

/**
 * A numeric setting, applied as soon as it is valid: after a pause in typing, on Enter, or on
 * leaving the field. Out-of-bounds values are explained by the field and never sent; a value
 * the service refuses shows its reason there too.
 */
export function NumberSetting({ spec, value }: { spec: NumberSpec; value: number }) {
  const { updateSettings } = useActions();
  const id = `setting-${spec.key}`;
  const [draft, setDraft] = useState(() => String(toShown(spec, value)));
  const [applied, setApplied] = useState(value);
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useSavedFades(status, setStatus);

  // A change made elsewhere (another window, an import) shows unless the person is typing here.
  if (value !== applied && !editing) {
    setApplied(value);
    setDraft(String(toShown(spec, value)));
  }

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );

  const apply = async (text: string) => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const checked = checkNumber(spec, text);
    if (!checked.ok) {
      setStatus({ kind: 'error', message: checked.message });
      return;
    }
    if (checked.stored === value) {
      setEditing(false);
      setStatus((current) => (current.kind === 'error' ? { kind: 'idle' } : current));
      return;
    }
    setStatus({ kind: 'saving' });
    try {
      const saved = await updateSettings({ [spec.key]: checked.stored });
      setApplied(saved[spec.key]);
      setEditing(false);
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus({ kind: 'error', message: refusal(error, spec.key) });
    }
  };

  const error = status.kind === 'error' ? status.message : undefined;
  const { min, max } = boundsOf(spec.key);
  return (
    <div className="setting" role="group" aria-labelledby={`${id}-label`}>
      <div className="setting-text">
        <label htmlFor={id} id={`${id}-label`} className="setting-label">
          {spec.label}
        </label>
        <p id={`${id}-help`} className="setting-help">
          {spec.help} <span className="setting-bounds">{describeBounds(spec)}.</span>
        </p>
      </div>
      <div className="setting-control">
        <div className="unit-input">
          <input
            id={id}
            className="input tabular"
            type="number"
            inputMode="decimal"
            min={toShown(spec, min)}
            max={toShown(spec, max)}
            step={spec.step}
            value={draft}
            aria-invalid={error !== undefined}
            aria-describedby={[error === undefined ? null : `${id}-error`, `${id}-help`]
              .filter((part) => part !== null)
              .join(' ')}
            onChange={(event) => {
              const text = event.target.value;
              setEditing(true);
              setDraft(text);
              if (status.kind === 'error') setStatus({ kind: 'idle' });
              if (timer.current !== null) clearTimeout(timer.current);
              timer.current = setTimeout(() => void apply(text), APPLY_AFTER_MS);
            }}
            onBlur={() => {
              if (editing) void apply(draft);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                void apply(draft);
              }
            }}
          />
          <span className="unit" aria-hidden="true">
            {spec.unit}
          </span>
        </div>
        {error === undefined ? (
          <StatusNote status={status} id={`${id}-status`} />
        ) : (
          <p id={`${id}-error`} className="field-error setting-error">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}

/** An on/off setting, applied when flipped (flipped back if the service refuses). */
export function ToggleSetting({ spec, value }: { spec: ToggleSpec; value: boolean }) {
  const { updateSettings } = useActions();
  const id = `setting-${spec.key}`;
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [shown, setShown] = useState<boolean | null>(null);
  useSavedFades(status, setStatus);
  const checked = shown ?? value;
  return (
    <div className="setting" role="group" aria-labelledby={`${id}-label`}>
      <div className="setting-text">
        <label htmlFor={id} id={`${id}-label`} className="setting-label">
          {spec.label}
        </label>
        <p id={`${id}-help`} className="setting-help">
          {spec.help}
        </p>
      </div>
      <div className="setting-control">
        <input
          id={id}
          type="checkbox"
          role="switch"
          className="switch"
          checked={checked}
          aria-describedby={`${id}-help`}
          onChange={(event) => {
            const next = event.target.checked;
            setShown(next);
            setStatus({ kind: 'saving' });
            const patch: Partial<Settings> = { [spec.key]: next };
            updateSettings(patch).then(
              () => {
                setShown(null);
                setStatus({ kind: 'saved' });
              },
              (error: unknown) => {
                setShown(null);
                setStatus({ kind: 'error', message: refusal(error, spec.key) });
              },
            );
          }}
        />
        {status.kind === 'error' ? (
          <p className="field-error setting-error" role="alert">
            {status.message}
          </p>
        ) : (
          <StatusNote status={status} id={`${id}-status`} />
        )}
      </div>
    </div>
  );
}
