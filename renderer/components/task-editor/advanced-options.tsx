import type { TaskDraft, TimeoutUnit } from '../../editor/task-draft.js';
import { AdvancedSection, CheckField, Field, type ControlProps } from './form-field.js';

interface AdvancedOptionsProps {
  draft: TaskDraft;
  update: (change: Partial<TaskDraft>, key: string) => void;
  errorFor: (key: string) => string | undefined;
  errorWithin: (key: string) => string | undefined;
}

const OVERLAP_WORDS: Record<TaskDraft['overlap'], string> = {
  skip: 'Skip the new run (default)',
  queue: 'Queue it to run after (at most one waiting)',
  parallel: 'Run both at once',
  replace: 'Stop the running one, then start',
};

const NOTIFY_WORDS: Record<TaskDraft['notify'], string> = {
  never: 'Never',
  failure: 'When it fails (default)',
  always: 'After every run',
};

type NumberField = {
  [K in keyof TaskDraft]: TaskDraft[K] extends string ? K : never;
}[keyof TaskDraft];

/**
 * The task document's advanced fields in collapsible groups (retries, limits, overlap, missed
 * runs and daylight saving, conditions, notifications and history, environment), each with
 * its default and what it does. A group with an error opens by itself.
 */
export function AdvancedOptions({ draft, update, errorFor, errorWithin }: AdvancedOptionsProps) {
  const numberInput = (
    control: ControlProps,
    field: NumberField,
    key: string,
    attrs: { min?: number; max?: number; placeholder?: string },
  ) => (
    <input
      {...control}
      className="input"
      type="number"
      step="any"
      {...attrs}
      value={draft[field]}
      onChange={(event) => {
        update({ [field]: event.target.value }, key);
      }}
    />
  );
  const retries = Number(draft.maxRetries) || 0;

  return (
    <section className="editor-section" aria-label="Advanced options">
      <h3>Advanced</h3>

      <AdvancedSection
        title="Retries"
        summary={
          retries === 0 ? 'No retries' : `Up to ${retries} ${retries === 1 ? 'retry' : 'retries'}`
        }
        forceOpen={errorWithin('retry') !== undefined}
      >
        <div className="field-row">
          <Field
            fieldKey="retry.maxRetries"
            label="Retries after a failure"
            error={errorFor('retry.maxRetries')}
            help="0 to 100; 0 never retries. Each attempt is its own run."
          >
            {(control) =>
              numberInput(control, 'maxRetries', 'retry.maxRetries', { min: 0, max: 100 })
            }
          </Field>
          <Field
            fieldKey="retry.delayMs"
            label="Wait before retrying (s)"
            error={errorFor('retry.delayMs')}
            help="Default 10 seconds."
          >
            {(control) => numberInput(control, 'retryDelaySeconds', 'retry.delayMs', { min: 0 })}
          </Field>
        </div>
        <div className="field-row">
          <Field
            fieldKey="retry.backoff"
            label="Between attempts"
            error={errorFor('retry.backoff')}
          >
            {(control) => (
              <select
                {...control}
                className="select"
                value={draft.backoff}
                onChange={(event) => {
                  update({ backoff: event.target.value as TaskDraft['backoff'] }, 'retry.backoff');
                }}
              >
                <option value="fixed">The same wait each time (default)</option>
                <option value="exponential">Double the wait each time</option>
              </select>
            )}
          </Field>
          <Field
            fieldKey="retry.maxDelayMs"
            label="Longest wait (s)"
            error={errorFor('retry.maxDelayMs')}
            help="Caps doubling; default 3600 (an hour)."
          >
            {(control) =>
              numberInput(control, 'maxRetryDelaySeconds', 'retry.maxDelayMs', { min: 0 })
            }
          </Field>
        </div>
        <CheckField
          fieldKey="retry.jitter"
          label="Add a random part to each wait (jitter)"
          checked={draft.retryJitter}
          onChange={(retryJitter) => {
            update({ retryJitter }, 'retry.jitter');
          }}
        />
      </AdvancedSection>

      <AdvancedSection
        title="Time and memory limits"
        summary={
          draft.timeout.trim() === ''
            ? 'No time limit'
            : `Stops after ${draft.timeout} ${draft.timeoutUnit}`
        }
        forceOpen={errorFor('timeoutMs') !== undefined || errorWithin('limits') !== undefined}
      >
        <div className="field-row">
          <Field
            fieldKey="timeoutMs"
            label="Time limit"
            hint="(optional)"
            error={errorFor('timeoutMs')}
            help="A run still going after this is stopped and marked timed out. 1 s to 7 days."
          >
            {(control) => (
              <div className="input-group">
                {numberInput(control, 'timeout', 'timeoutMs', { min: 1, placeholder: 'No limit' })}
                <select
                  className="select unit-select"
                  aria-label="Time limit unit"
                  value={draft.timeoutUnit}
                  onChange={(event) => {
                    update({ timeoutUnit: event.target.value as TimeoutUnit }, 'timeoutMs');
                  }}
                >
                  <option value="s">seconds</option>
                  <option value="min">minutes</option>
                  <option value="h">hours</option>
                </select>
              </div>
            )}
          </Field>
          <Field
            fieldKey="limits.maxMemoryMb"
            label="Memory limit (MB)"
            hint="(optional)"
            error={errorFor('limits.maxMemoryMb')}
            help="A run using more is stopped, and says so."
          >
            {(control) =>
              numberInput(control, 'maxMemoryMb', 'limits.maxMemoryMb', {
                min: 1,
                placeholder: 'No limit',
              })
            }
          </Field>
        </div>
      </AdvancedSection>

      <AdvancedSection
        title="When runs overlap"
        summary={OVERLAP_WORDS[draft.overlap].replace(' (default)', '')}
        forceOpen={errorFor('overlap') !== undefined || errorFor('maxParallel') !== undefined}
      >
        <div className="field-row">
          <Field
            fieldKey="overlap"
            label="If it fires while still running"
            error={errorFor('overlap')}
            className="grow"
          >
            {(control) => (
              <select
                {...control}
                className="select"
                value={draft.overlap}
                onChange={(event) => {
                  update({ overlap: event.target.value as TaskDraft['overlap'] }, 'overlap');
                }}
              >
                {(Object.keys(OVERLAP_WORDS) as TaskDraft['overlap'][]).map((overlap) => (
                  <option key={overlap} value={overlap}>
                    {OVERLAP_WORDS[overlap]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {draft.overlap === 'parallel' && (
            <Field
              fieldKey="maxParallel"
              label="At most at once"
              error={errorFor('maxParallel')}
              help="2 to 64; default 2."
            >
              {(control) => numberInput(control, 'maxParallel', 'maxParallel', { min: 2, max: 64 })}
            </Field>
          )}
        </div>
      </AdvancedSection>

      <AdvancedSection
        title="Missed runs and daylight saving"
        summary={draft.missedRuns === 'runOnce' ? 'Catch up once' : 'Skip missed runs'}
        forceOpen={errorFor('missedRuns') !== undefined || errorWithin('dst') !== undefined}
      >
        <Field
          fieldKey="missedRuns"
          label="Runs missed while Taskdeck was not running"
          error={errorFor('missedRuns')}
          help="Like anacron: catching up runs it once, however many were missed."
        >
          {(control) => (
            <select
              {...control}
              className="select"
              value={draft.missedRuns}
              onChange={(event) => {
                update({ missedRuns: event.target.value as TaskDraft['missedRuns'] }, 'missedRuns');
              }}
            >
              <option value="runOnce">Run once to catch up (default)</option>
              <option value="skip">Skip them</option>
            </select>
          )}
        </Field>
        <CheckField
          fieldKey="dst"
          label="Choose how cron times meet daylight-saving changes"
          help="By default a time skipped by the clock change runs shifted (02:30 → 03:30), and a repeated time runs once, the first time."
          checked={draft.dstCustom}
          onChange={(dstCustom) => {
            update({ dstCustom }, 'dst');
          }}
        />
        {draft.dstCustom && (
          <div className="field-row">
            <Field fieldKey="dst.gap" label="A time the clock skips" error={errorFor('dst.gap')}>
              {(control) => (
                <select
                  {...control}
                  className="select"
                  value={draft.dstGap}
                  onChange={(event) => {
                    update({ dstGap: event.target.value as TaskDraft['dstGap'] }, 'dst');
                  }}
                >
                  <option value="shift">Run it shifted by the gap</option>
                  <option value="skip">Skip it that day</option>
                </select>
              )}
            </Field>
            <Field
              fieldKey="dst.overlap"
              label="A time that happens twice"
              error={errorFor('dst.overlap')}
            >
              {(control) => (
                <select
                  {...control}
                  className="select"
                  value={draft.dstOverlap}
                  onChange={(event) => {
                    update({ dstOverlap: event.target.value as TaskDraft['dstOverlap'] }, 'dst');
                  }}
                >
                  <option value="first">Run the first time only</option>
                  <option value="both">Run both times</option>
                </select>
              )}
            </Field>
          </div>
        )}
      </AdvancedSection>

      <AdvancedSection
        title="Conditions"
        summary={
          draft.acPower ||
          draft.idleMinutes.trim() !== '' ||
          draft.maxSystemCpuPercent.trim() !== ''
            ? 'Waits for conditions'
            : 'Runs whenever it fires'
        }
        forceOpen={errorWithin('conditions') !== undefined}
      >
        <p className="field-help">
          A fired run waits in the queue until every condition holds, and says which one holds it.
        </p>
        <CheckField
          fieldKey="conditions.acPower"
          label="Only on AC power"
          checked={draft.acPower}
          onChange={(acPower) => {
            update({ acPower }, 'conditions.acPower');
          }}
        />
        <div className="field-row">
          <Field
            fieldKey="conditions.idleForMs"
            label="Only when idle for (min)"
            hint="(optional)"
            error={errorFor('conditions.idleForMs')}
          >
            {(control) =>
              numberInput(control, 'idleMinutes', 'conditions.idleForMs', {
                min: 0,
                placeholder: 'Any time',
              })
            }
          </Field>
          <Field
            fieldKey="conditions.maxSystemCpuPercent"
            label="Only below system CPU (%)"
            hint="(optional)"
            error={errorFor('conditions.maxSystemCpuPercent')}
          >
            {(control) =>
              numberInput(control, 'maxSystemCpuPercent', 'conditions.maxSystemCpuPercent', {
                min: 1,
                max: 100,
                placeholder: 'Any load',
              })
            }
          </Field>
        </div>
        <Field
          fieldKey="conditions.deadlineMs"
          label="Run anyway after waiting (min)"
          hint="(optional)"
          error={errorFor('conditions.deadlineMs')}
          help="Empty waits as long as it takes."
        >
          {(control) =>
            numberInput(control, 'deadlineMinutes', 'conditions.deadlineMs', {
              min: 0,
              placeholder: 'Wait as long as it takes',
            })
          }
        </Field>
      </AdvancedSection>

      <AdvancedSection
        title="Notifications and history"
        summary={`Notify: ${NOTIFY_WORDS[draft.notify].replace(' (default)', '').toLowerCase()}`}
        forceOpen={errorFor('notify') !== undefined || errorFor('keepHistory') !== undefined}
      >
        <div className="field-row">
          <Field fieldKey="notify" label="Desktop notification" error={errorFor('notify')}>
            {(control) => (
              <select
                {...control}
                className="select"
                value={draft.notify}
                onChange={(event) => {
                  update({ notify: event.target.value as TaskDraft['notify'] }, 'notify');
                }}
              >
                {(Object.keys(NOTIFY_WORDS) as TaskDraft['notify'][]).map((notify) => (
                  <option key={notify} value={notify}>
                    {NOTIFY_WORDS[notify]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            fieldKey="keepHistory"
            label="Runs kept in history"
            error={errorFor('keepHistory')}
            help="1 to 100,000; default 500."
          >
            {(control) =>
              numberInput(control, 'keepHistory', 'keepHistory', { min: 1, max: 100_000 })
            }
          </Field>
        </div>
      </AdvancedSection>

      <AdvancedSection
        title="Folder and environment"
        summary={draft.cwd.trim() === '' ? 'Home folder' : draft.cwd}
        forceOpen={errorFor('action.cwd') !== undefined || errorWithin('action.env') !== undefined}
      >
        <Field
          fieldKey="action.cwd"
          label="Working folder"
          hint="(optional)"
          error={errorFor('action.cwd')}
          help="Empty runs in your home folder."
        >
          {(control) => (
            <input
              {...control}
              className="input input-mono"
              spellCheck={false}
              placeholder="~"
              value={draft.cwd}
              onChange={(event) => {
                update({ cwd: event.target.value }, 'action.cwd');
              }}
            />
          )}
        </Field>
        <Field
          fieldKey="action.env"
          label="Environment variables"
          hint="(optional)"
          error={errorWithin('action.env')}
          help="One NAME=value per line, added to your usual environment. Stored as plain text."
        >
          {(control) => (
            <textarea
              {...control}
              className="textarea input-mono"
              rows={3}
              spellCheck={false}
              placeholder="BACKUP_TARGET=/mnt/backup"
              value={draft.env}
              onChange={(event) => {
                update({ env: event.target.value }, 'action.env');
              }}
            />
          )}
        </Field>
      </AdvancedSection>
    </section>
  );
}
