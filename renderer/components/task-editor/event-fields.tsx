import { useMemo } from 'react';
import { EVENT_LABELS } from '../../../shared/event-labels.js';
import { CHAIN_EVENTS, EVENT_NAMES, type EventName } from '../../../shared/schemas/trigger.js';
import { useAppStore } from '../../hooks/use-app-store.js';
import { Field } from './form-field.js';
import type { TriggerFieldsProps } from './trigger-fields.js';

interface EventFieldsProps extends TriggerFieldsProps {
  /** The task being edited (it cannot follow itself); null when creating. */
  ownTaskId: string | null;
}

/**
 * An event trigger's fields: the event from a list, and what it needs — the task it follows,
 * the path it watches, or how long the computer must be idle.
 */
export function EventFields({ draft, base, errorFor, set, ownTaskId }: EventFieldsProps) {
  const tasks = useAppStore((state) => state.tasks);
  const choices = useMemo(
    () =>
      Object.values(tasks)
        .filter((task) => task.id !== ownTaskId)
        .map((task) => ({ id: task.id, name: task.name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [tasks, ownTaskId],
  );
  return (
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
          error={errorFor(`${base}.taskId`)}
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
          error={errorFor(`${base}.path`)}
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
        <Field
          fieldKey={`${base}.idleForMs`}
          label="Idle for (minutes)"
          error={errorFor(`${base}.idleForMs`)}
        >
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
  );
}
