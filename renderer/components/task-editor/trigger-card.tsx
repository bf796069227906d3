import { Trash2 } from 'lucide-react';
import { useMemo } from 'react';
import type { DstPolicy } from '../../../shared/schemas/task.js';
import { CHAIN_EVENTS, EVENT_NAMES, type EventName } from '../../../shared/schemas/trigger.js';
import {
  previewableTrigger,
  type IntervalUnit,
  type TriggerDraft,
} from '../../editor/task-draft.js';
import { EVENT_LABELS } from '../../../shared/event-labels.js';
import { describeCron } from '../../format/trigger-words.js';
import { useAppStore } from '../../hooks/use-app-store.js';
import { Field } from './form-field.js';
import { TriggerPreview } from './trigger-preview.js';

const TYPE_LABELS: Record<TriggerDraft['type'], string> = {
  interval: 'Repeat every…',
  cron: 'On a schedule (cron)',
  once: 'Once',
  event: 'When something happens',
};

const UNIT_LABELS: Record<IntervalUnit, string> = {
  s: 'seconds',
  min: 'minutes',
  h: 'hours',
  d: 'days',
};

const CRON_PRESETS = [
  { label: 'Every 15 min', expression: '*/15 * * * *' },
  { label: 'Hourly', expression: '0 * * * *' },
  { label: 'Daily 09:00', expression: '0 9 * * *' },
  { label: 'Weekdays 09:00', expression: '0 9 * * 1-5' },
  { label: 'Mondays 08:00', expression: '0 8 * * 1' },
];

// Every IANA zone the browser knows, for the zone field's suggestions.
const TIME_ZONES = Intl.supportedValuesOf('timeZone');

interface TriggerCardProps {
  draft: TriggerDraft;
  index: number;
  /** The task being edited (it cannot follow itself); null when creating. */
  ownTaskId: string | null;
  dst: DstPolicy | undefined;
  /** When the editor opened: "in N minutes" counts from here until saving. */
  openedAt: number;
  canRemove: boolean;
  errorFor: (key: string) => string | undefined;
  onChange: (next: TriggerDraft, touchedKey: string) => void;
  onRemove: () => void;
}

/** One trigger in the editor: its type, the fields of that type, and a live preview. */
export function TriggerCard(props: TriggerCardProps) {
  const { draft, index, ownTaskId, dst, openedAt, canRemove, errorFor, onChange, onRemove } = props;
  const base = `triggers.${index}`;
  const set = <K extends keyof TriggerDraft>(field: K, value: TriggerDraft[K], key: string) => {
    onChange({ ...draft, [field]: value }, key);
  };
  const tasks = useAppStore((state) => state.tasks);
  const choices = useMemo(
    () =>
      Object.values(tasks)
        .filter((task) => task.id !== ownTaskId)
        .map((task) => ({ id: task.id, name: task.name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [tasks, ownTaskId],
  );
  const previewable = useMemo(() => previewableTrigger(draft, openedAt), [draft, openedAt]);
  const typeError = errorFor(base);

  const everyError = errorFor(`${base}.everyMs`);
  const jitterError = errorFor(`${base}.jitterMs`);
  const expressionError = errorFor(`${base}.expression`);
  const zoneError = errorFor(`${base}.timezone`);
  const atError = errorFor(`${base}.at`);
  const taskError = errorFor(`${base}.taskId`);
  const pathError = errorFor(`${base}.path`);
  const idleError = errorFor(`${base}.idleForMs`);
  const words =
    draft.type === 'cron' && expressionError === undefined ? describeCron(draft.expression) : null;

  return (
    <fieldset className="trigger-card">
      <legend className="visually-hidden">Trigger {index + 1}</legend>
      <div className="trigger-head">
        <label className="visually-hidden" htmlFor={`${base}-type`}>
          Trigger {index + 1} type
        </label>
        <select
          id={`${base}-type`}
          className="select trigger-type"
          value={draft.type}
          onChange={(event) => {
            set('type', event.target.value as TriggerDraft['type'], base);
          }}
        >
          {(Object.keys(TYPE_LABELS) as TriggerDraft['type'][]).map((type) => (
            <option key={type} value={type}>
              {TYPE_LABELS[type]}
            </option>
          ))}
        </select>
        {canRemove && (
          <button
            type="button"
            className="btn btn-quiet btn-icon"
            aria-label={`Remove trigger ${index + 1}`}
            title="Remove this trigger"
            onClick={onRemove}
          >
            <Trash2 size={15} aria-hidden />
          </button>
        )}
      </div>
      {typeError !== undefined && <p className="field-error">{typeError}</p>}

      {draft.type === 'interval' && (
        <div className="field-row">
          <Field
            fieldKey={`${base}.everyMs`}
            label="Every"
            error={everyError}
            help="From 1 second to 1 year."
          >
            {(control) => (
              <div className="input-group">
                <input
                  {...control}
                  className="input"
                  type="number"
                  min={1}
                  step="any"
                  value={draft.every}
                  onChange={(event) => {
                    set('every', event.target.value, `${base}.everyMs`);
                  }}
                />
                <select
                  className="select unit-select"
                  aria-label="Interval unit"
                  value={draft.unit}
                  onChange={(event) => {
                    set('unit', event.target.value as IntervalUnit, `${base}.everyMs`);
                  }}
                >
                  {(Object.keys(UNIT_LABELS) as IntervalUnit[]).map((unit) => (
                    <option key={unit} value={unit}>
                      {UNIT_LABELS[unit]}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </Field>
          <Field
            fieldKey={`${base}.jitterMs`}
            label="Random delay"
            hint="(seconds, optional)"
            error={jitterError}
            help="Up to this much later at random, so many machines do not start at once."
          >
            {(control) => (
              <input
                {...control}
                className="input"
                type="number"
                min={0}
                step="any"
                placeholder="None"
                value={draft.jitterSeconds}
                onChange={(event) => {
                  set('jitterSeconds', event.target.value, `${base}.jitterMs`);
                }}
              />
            )}
          </Field>
        </div>
      )}

      {draft.type === 'cron' && (
        <>
          <div className="field-row">
            <Field
              fieldKey={`${base}.expression`}
              label="Cron expression"
              error={expressionError}
              help="minute hour day-of-month month day-of-week; add a sixth field first for seconds."
              className="grow"
            >
              {(control) => (
                <input
                  {...control}
                  className="input input-mono"
                  spellCheck={false}
                  autoComplete="off"
                  value={draft.expression}
                  onChange={(event) => {
                    set('expression', event.target.value, `${base}.expression`);
                  }}
                />
              )}
            </Field>
            <Field
              fieldKey={`${base}.timezone`}
              label="Time zone"
              hint="(optional)"
              error={zoneError}
              help="Empty follows this computer’s zone."
            >
              {(control) => (
                <>
                  <input
                    {...control}
                    className="input"
                    list="time-zones"
                    spellCheck={false}
                    placeholder={Intl.DateTimeFormat().resolvedOptions().timeZone}
                    value={draft.timezone}
                    onChange={(event) => {
                      set('timezone', event.target.value, `${base}.timezone`);
                    }}
                  />
                  <datalist id="time-zones">
                    {TIME_ZONES.map((zone) => (
                      <option key={zone} value={zone} />
                    ))}
                  </datalist>
                </>
              )}
            </Field>
          </div>
          <div className="presets" role="group" aria-label="Common schedules">
            {CRON_PRESETS.map((preset) => (
              <button
                key={preset.expression}
                type="button"
                className="chip"
                aria-pressed={draft.expression.trim() === preset.expression}
                onClick={() => {
                  set('expression', preset.expression, `${base}.expression`);
                }}
              >
                {preset.label}
              </button>
            ))}
          </div>
          {words !== null && (
            <p className="cron-words" aria-live="polite" data-testid="cron-description">
              {words}
            </p>
          )}
        </>
      )}

      {draft.type === 'once' && (
        <div className="field-row">
          <div className="segmented" role="radiogroup" aria-label="When">
            {(['in', 'at'] as const).map((mode) => (
              <label key={mode} className={draft.onceMode === mode ? 'on' : undefined}>
                <input
                  type="radio"
                  name={`${base}-once-mode`}
                  checked={draft.onceMode === mode}
                  onChange={() => {
                    set('onceMode', mode, `${base}.at`);
                  }}
                />
                {mode === 'in' ? 'In some minutes' : 'At a date and time'}
              </label>
            ))}
          </div>
          {draft.onceMode === 'in' ? (
            <Field
              fieldKey={`${base}.at`}
              label="In how many minutes"
              error={atError}
              help="Counted from when you save."
            >
              {(control) => (
                <input
                  {...control}
                  className="input"
                  type="number"
                  min={1}
                  step="any"
                  value={draft.inMinutes}
                  onChange={(event) => {
                    set('inMinutes', event.target.value, `${base}.at`);
                  }}
                />
              )}
            </Field>
          ) : (
            <Field
              fieldKey={`${base}.at`}
              label="Date and time"
              error={atError}
              help="In this computer’s time zone."
            >
              {(control) => (
                <input
                  {...control}
                  className="input"
                  type="datetime-local"
                  step={1}
                  value={draft.at}
                  onChange={(event) => {
                    set('at', event.target.value, `${base}.at`);
                  }}
                />
              )}
            </Field>
          )}
        </div>
      )}

      {draft.type === 'event' && (
        <div className="field-row">
          <Field
            fieldKey={`${base}.event`}
            label="Event"
            error={errorFor(`${base}.event`)}
            className="grow"
          >
            {(control) => (
              <select
                {...control}
                className="select"
                value={draft.event}
                onChange={(event) => {
                  set('event', event.target.value as EventName, `${base}.event`);
                }}
              >
                {EVENT_NAMES.map((name) => (
                  <option key={name} value={name}>
                    {EVENT_LABELS[name]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {CHAIN_EVENTS.includes(draft.event) && (
            <Field
              fieldKey={`${base}.taskId`}
              label="Which task"
              error={taskError}
              className="grow"
            >
              {(control) => (
                <select
                  {...control}
                  className="select"
                  value={draft.taskId}
                  onChange={(event) => {
                    set('taskId', event.target.value, `${base}.taskId`);
                  }}
                >
                  <option value="">Choose a task…</option>
                  {draft.taskId !== '' && !choices.some((choice) => choice.id === draft.taskId) && (
                    <option value={draft.taskId}>(a task that no longer exists)</option>
                  )}
                  {choices.map((choice) => (
                    <option key={choice.id} value={choice.id}>
                      {choice.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {draft.event === 'file.changed' && (
            <Field
              fieldKey={`${base}.path`}
              label="File or folder"
              error={pathError}
              help="An absolute path; a folder fires when anything in it changes."
              className="grow"
            >
              {(control) => (
                <input
                  {...control}
                  className="input input-mono"
                  spellCheck={false}
                  placeholder="/home/me/notes"
                  value={draft.path}
                  onChange={(event) => {
                    set('path', event.target.value, `${base}.path`);
                  }}
                />
              )}
            </Field>
          )}
          {draft.event === 'system.idle' && (
            <Field fieldKey={`${base}.idleForMs`} label="Idle for (minutes)" error={idleError}>
              {(control) => (
                <input
                  {...control}
                  className="input"
                  type="number"
                  min={1}
                  step="any"
                  value={draft.idleMinutes}
                  onChange={(event) => {
                    set('idleMinutes', event.target.value, `${base}.idleForMs`);
                  }}
                />
              )}
            </Field>
          )}
        </div>
      )}

      {draft.type !== 'event' && <TriggerPreview trigger={previewable} dst={dst} />}
    </fieldset>
  );
}
