import { AlertCircle, Loader2, Plus, X } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { TaskdeckError } from '../../../shared/errors.js';
import type { TaskView } from '../../../shared/schemas/task.js';
import { fieldName } from '../../editor/field-names.js';
import { createMergePatch } from '../../editor/merge-patch-diff.js';
import {
  addIssues,
  documentOfView,
  draftFromTask,
  emptyDraft,
  issueAt,
  newTriggerDraft,
  validateDraft,
  type FieldIssues,
  type TaskDraft,
  type TriggerDraft,
} from '../../editor/task-draft.js';
import { useActions } from '../../hooks/use-app-store.js';
import { messageOf } from '../../store/slice.js';
import { ModalDialog } from '../modal-dialog.js';
import { AdvancedOptions } from './advanced-options.js';
import { CheckField, Field, fieldId } from './form-field.js';
import { TriggerCard } from './trigger-card.js';

/** The service's issues for a patch name `patch.…`; fields are named by document path. */
function serviceIssues(error: TaskdeckError): FieldIssues {
  return addIssues(
    new Map(),
    error.issues.map((issue) => ({
      ...issue,
      path: issue.path[0] === 'patch' ? issue.path.slice(1) : issue.path,
    })),
  );
}

interface TaskEditorProps {
  /** The task to edit, as it was when the editor opened; null creates a new one. */
  task: TaskView | null;
  onClose: () => void;
}

/**
 * The task editor: every field of the task document with its default and help, checked with
 * the shared schemas as the person types (errors show once a field is touched), the service's
 * own errors placed by their fields, and Save enabled only when the form is valid. Editing
 * sends a merge patch of what changed.
 */
export function TaskEditor({ task, onClose }: TaskEditorProps) {
  const titleId = useId();
  const { createTask, updateTask, notify, navigate, setActive } = useActions();
  // The form is checked against one moment, so typing does not recheck it every second; the
  // preview and saving count "in N minutes" from their own now.
  const [openedAt] = useState(() => Date.now());
  const [draft, setDraft] = useState<TaskDraft>(() =>
    task === null ? emptyDraft() : draftFromTask(task),
  );
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [fromService, setFromService] = useState<FieldIssues>(() => new Map());
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const { document, issues } = useMemo(() => validateDraft(draft, openedAt), [draft, openedAt]);
  const original = useMemo(() => (task === null ? null : documentOfView(task)), [task]);
  const patch = useMemo(
    () =>
      original === null || document === null
        ? null
        : createMergePatch(original, document as Record<string, unknown>),
    [original, document],
  );

  const isTouched = (key: string) => {
    for (const touchedKey of touched) {
      if (
        key === touchedKey ||
        key.startsWith(`${touchedKey}.`) ||
        touchedKey.startsWith(`${key}.`)
      )
        return true;
    }
    return false;
  };
  const errorFor = (key: string): string | undefined =>
    fromService.get(key) ?? (isTouched(key) ? issues.get(key) : undefined);
  const errorWithin = (key: string): string | undefined =>
    issueAt(fromService, key) ?? (isTouched(key) ? issueAt(issues, key) : undefined);

  const update = (change: Partial<TaskDraft>, key: string) => {
    setDraft((current) => ({ ...current, ...change }));
    setTouched((current) => (current.has(key) ? current : new Set(current).add(key)));
    // The person is acting on the service's answer: it no longer describes the form.
    if (fromService.size > 0) setFromService(new Map());
    setFormError(null);
  };
  const touch = (key: string) => {
    setTouched((current) => (current.has(key) ? current : new Set(current).add(key)));
  };
  const setTrigger = (index: number, next: TriggerDraft, key: string) => {
    update({ triggers: draft.triggers.map((trigger, at) => (at === index ? next : trigger)) }, key);
  };

  const unchanged = task !== null && patch === null;
  const blocked = document === null || fromService.size > 0;
  const problems = [...new Set([...issues.keys(), ...fromService.keys()].map(fieldName))];

  const save = async () => {
    // "In N minutes" counts from the moment of saving, not from when the editor opened.
    const fresh = validateDraft(draft, Date.now());
    if (fresh.document === null) {
      setTouched(new Set(fresh.issues.keys()));
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      if (task === null) {
        const created = await createTask(fresh.document);
        notify('info', `Created “${created.name}”`);
        // The new task is shown where tasks are listed, with the cursor on it.
        navigate({ screen: 'tasks' });
        setActive(created.id);
      } else {
        const changes = original === null ? null : createMergePatch(original, fresh.document);
        if (changes !== null) {
          const saved = await updateTask(task.id, changes);
          notify('info', `Saved “${saved.name}”`);
        }
      }
      onClose();
    } catch (error) {
      setSaving(false);
      if (
        error instanceof TaskdeckError &&
        error.code === 'invalid_params' &&
        error.issues.length > 0
      ) {
        const placed = serviceIssues(error);
        setFromService(placed);
        const unplaced = [...placed.entries()].filter(([key]) => key === '');
        setFormError(
          unplaced.length > 0
            ? unplaced.map(([, message]) => message).join('; ')
            : 'Taskdeck did not accept this task; see the fields marked below.',
        );
      } else {
        setFormError(messageOf(error));
      }
    }
  };

  const nameError = errorFor('name');
  const commandKey = draft.actionMode === 'command' ? 'action.command' : 'action.argv';
  const commandError =
    errorWithin(commandKey) ??
    (draft.actionMode === 'argv' ? errorFor('action.command') : undefined);
  const triggersError = errorFor('triggers');

  return (
    <ModalDialog labelledBy={titleId} onClose={onClose} className="editor" closeOnBackdrop={false}>
      <form
        className="editor-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!blocked && !saving && !unchanged) void save();
        }}
      >
        <header className="editor-head">
          <h2 id={titleId}>{task === null ? 'New task' : `Edit “${task.name}”`}</h2>
          <button
            type="button"
            className="btn btn-quiet btn-icon"
            aria-label="Close the editor"
            onClick={onClose}
          >
            <X size={16} aria-hidden />
          </button>
        </header>

        <div className="editor-body">
          {formError !== null && (
            <div className="form-error" role="alert">
              <AlertCircle size={16} aria-hidden />
              <span>{formError}</span>
            </div>
          )}

          <section className="editor-section" aria-labelledby={`${titleId}-basics`}>
            <h3 id={`${titleId}-basics`}>What to run</h3>
            <Field fieldKey="name" label="Name" error={nameError}>
              {(control) => (
                <input
                  {...control}
                  className="input"
                  data-autofocus
                  placeholder="Back up my notes"
                  maxLength={200}
                  value={draft.name}
                  onChange={(event) => {
                    update({ name: event.target.value }, 'name');
                  }}
                  onBlur={() => {
                    touch('name');
                  }}
                />
              )}
            </Field>
            <div className="field">
              <div className="segmented" role="radiogroup" aria-label="How to run it">
                {(['command', 'argv'] as const).map((mode) => (
                  <label key={mode} className={draft.actionMode === mode ? 'on' : undefined}>
                    <input
                      type="radio"
                      name="action-mode"
                      checked={draft.actionMode === mode}
                      onChange={() => {
                        update({ actionMode: mode }, 'action');
                      }}
                    />
                    {mode === 'command' ? 'Shell command' : 'Program and arguments'}
                  </label>
                ))}
              </div>
            </div>
            {draft.actionMode === 'command' ? (
              <Field
                fieldKey="action.command"
                label="Command"
                error={commandError}
                help="Runs in your login shell, like in a terminal. Output is captured and kept."
              >
                {(control) => (
                  <textarea
                    {...control}
                    className="textarea input-mono"
                    rows={3}
                    spellCheck={false}
                    placeholder="rsync -a ~/notes /backup"
                    value={draft.command}
                    onChange={(event) => {
                      update({ command: event.target.value }, 'action.command');
                    }}
                    onBlur={() => {
                      touch('action.command');
                    }}
                  />
                )}
              </Field>
            ) : (
              <Field
                fieldKey="action.argv"
                label="Program and arguments"
                error={commandError}
                help="One per line: the program first, then each argument. No shell, so no quoting."
              >
                {(control) => (
                  <textarea
                    {...control}
                    className="textarea input-mono"
                    rows={3}
                    spellCheck={false}
                    placeholder={'/usr/bin/rsync\n-a\n/home/me/notes\n/backup'}
                    value={draft.argv}
                    onChange={(event) => {
                      update({ argv: event.target.value }, 'action.argv');
                    }}
                    onBlur={() => {
                      touch('action.argv');
                    }}
                  />
                )}
              </Field>
            )}
          </section>

          <section className="editor-section" aria-labelledby={`${titleId}-when`}>
            <h3 id={`${titleId}-when`}>When to run</h3>
            {triggersError !== undefined && <p className="field-error">{triggersError}</p>}
            <div className="trigger-list">
              {draft.triggers.map((trigger, index) => (
                <TriggerCard
                  key={trigger.key}
                  draft={trigger}
                  index={index}
                  ownTaskId={task?.id ?? null}
                  dst={
                    draft.dstCustom ? { gap: draft.dstGap, overlap: draft.dstOverlap } : undefined
                  }
                  canRemove={draft.triggers.length > 1}
                  errorFor={errorFor}
                  onChange={(next, key) => {
                    setTrigger(index, next, key);
                  }}
                  onRemove={() => {
                    update(
                      { triggers: draft.triggers.filter((_, at) => at !== index) },
                      'triggers',
                    );
                  }}
                />
              ))}
            </div>
            {draft.triggers.length < 20 && (
              <button
                type="button"
                className="btn btn-sm"
                onClick={() => {
                  update(
                    { triggers: [...draft.triggers, newTriggerDraft('interval')] },
                    'triggers',
                  );
                }}
              >
                <Plus size={14} aria-hidden /> Add another trigger
              </button>
            )}
            <p className="field-help">
              Any trigger starts a run. You can always run a task by hand too.
            </p>
          </section>

          <section className="editor-section" aria-labelledby={`${titleId}-options`}>
            <h3 id={`${titleId}-options`}>Options</h3>
            <Field
              fieldKey="description"
              label="Description"
              hint="(optional)"
              error={errorFor('description')}
            >
              {(control) => (
                <textarea
                  {...control}
                  className="textarea"
                  rows={2}
                  placeholder="What it is for, for the person who reads this later"
                  value={draft.description}
                  onChange={(event) => {
                    update({ description: event.target.value }, 'description');
                  }}
                />
              )}
            </Field>
            <div className="field-row">
              <CheckField
                fieldKey="enabled"
                label="Enabled"
                help="Unticked, the task is saved paused and never fires."
                className="checkbox-field"
                checked={draft.enabled}
                onChange={(enabled) => {
                  update({ enabled }, 'enabled');
                }}
              />
              <Field
                fieldKey="priority"
                label="Priority"
                error={errorFor('priority')}
                help="-100 to 100 (default 0); higher runs first when tasks wait."
              >
                {(control) => (
                  <input
                    {...control}
                    className="input"
                    type="number"
                    min={-100}
                    max={100}
                    step={1}
                    value={draft.priority}
                    onChange={(event) => {
                      update({ priority: event.target.value }, 'priority');
                    }}
                  />
                )}
              </Field>
            </div>
            <Field
              fieldKey="tags"
              label="Tags"
              hint="(optional)"
              error={errorWithin('tags')}
              help="Comma-separated, e.g. backup, nightly. Up to 20; filter the list by them."
            >
              {(control) => (
                <input
                  {...control}
                  className="input"
                  placeholder="backup, nightly"
                  value={draft.tags}
                  onChange={(event) => {
                    update({ tags: event.target.value }, 'tags');
                  }}
                />
              )}
            </Field>
          </section>

          <AdvancedOptions
            draft={draft}
            update={update}
            errorFor={errorFor}
            errorWithin={errorWithin}
          />
        </div>

        <footer className="editor-foot">
          <p className="save-hint" aria-live="polite">
            {blocked && problems.length > 0 ? (
              <>
                To save, fix: {problems.slice(0, 4).join(', ')}
                {problems.length > 4 ? '…' : ''}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    const first = [...fromService.keys(), ...issues.keys()][0];
                    setTouched(new Set(issues.keys()));
                    if (first !== undefined)
                      window.document.getElementById(fieldId(first))?.focus();
                  }}
                >
                  Show
                </button>
              </>
            ) : unchanged ? (
              'No changes yet.'
            ) : null}
          </p>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={blocked || saving || unchanged}
          >
            {saving && <Loader2 size={14} className="spin" aria-hidden />}
            {task === null ? 'Create task' : 'Save changes'}
          </button>
        </footer>
      </form>
    </ModalDialog>
  );
}
