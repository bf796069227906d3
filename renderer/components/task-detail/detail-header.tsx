import { ArrowLeft, Copy, Pause, Pencil, Play, Trash2, Zap } from 'lucide-react';
import { useState } from 'react';
import type { TaskView } from '../../../shared/schemas/task.js';
import { describeTrigger } from '../../format/trigger-words.js';
import { useActions, useStoreApi } from '../../hooks/use-app-store.js';
import { ConfirmDialog } from '../confirm-dialog.js';
import { TaskStateBadge } from '../status-badge.js';

interface DetailHeaderProps {
  task: TaskView;
  /** A run was started by hand: the screen shows it. */
  onRunStarted: (executionId: string) => void;
}

/** The task's name, state, schedule and command, with what a person does to it. */
export function DetailHeader({ task, onRunStarted }: DetailHeaderProps) {
  const store = useStoreApi();
  const { navigate, runNow, pauseTasks, resumeTasks, openEditor, duplicateTask, removeTasks } =
    useActions();
  const [confirming, setConfirming] = useState(false);
  const taskName = (id: string) => store.getState().tasks[id]?.name;
  const command = task.action.command ?? task.action.argv?.join(' ') ?? '';
  return (
    <header className="detail-header">
      <a
        href="#/tasks"
        className="back-link"
        onClick={(event) => {
          event.preventDefault();
          navigate({ screen: 'tasks' });
        }}
      >
        <ArrowLeft size={14} aria-hidden /> All tasks
      </a>
      <div className="detail-title-row">
        <div className="detail-title">
          <h1>{task.name}</h1>
          <span role="status" aria-label="Task state">
            <TaskStateBadge state={task.state} />
          </span>
          {task.priority !== 0 && <span className="priority">Priority {task.priority}</span>}
        </div>
        <div className="detail-actions" role="toolbar" aria-label="Task actions">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              void runNow(task.id).then((id) => {
                if (id !== null) onRunStarted(id);
              });
            }}
          >
            <Zap size={15} aria-hidden /> Run now
          </button>
          {task.enabled ? (
            <button type="button" className="btn" onClick={() => void pauseTasks([task.id])}>
              <Pause size={15} aria-hidden /> Pause
            </button>
          ) : (
            <button type="button" className="btn" onClick={() => void resumeTasks([task.id])}>
              <Play size={15} aria-hidden /> Resume
            </button>
          )}
          <button
            type="button"
            className="btn"
            onClick={() => {
              openEditor({ mode: 'edit', taskId: task.id });
            }}
          >
            <Pencil size={15} aria-hidden /> Edit
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => {
              void duplicateTask(task.id).then((copy) => {
                if (copy !== null) navigate({ screen: 'task', taskId: copy.id });
              });
            }}
          >
            <Copy size={15} aria-hidden /> Duplicate
          </button>
          <button
            type="button"
            className="btn danger-text"
            onClick={() => {
              setConfirming(true);
            }}
          >
            <Trash2 size={15} aria-hidden /> Delete…
          </button>
        </div>
      </div>
      {task.description !== '' && <p className="detail-description">{task.description}</p>}
      <dl className="detail-facts" role="group" aria-label="About this task">
        <div>
          <dt>When</dt>
          <dd>{task.triggers.map((trigger) => describeTrigger(trigger, taskName)).join(' · ')}</dd>
        </div>
        <div>
          <dt>Runs</dt>
          <dd>
            <code className="command">{command}</code>
          </dd>
        </div>
        {task.tags.length > 0 && (
          <div>
            <dt>Tags</dt>
            <dd className="tag-list">
              {task.tags.map((tag) => (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
      {confirming && (
        <ConfirmDialog
          title={`Delete “${task.name}”?`}
          message="Its history goes with it, and a run in progress is stopped. This cannot be undone."
          confirmLabel="Delete task"
          onCancel={() => {
            setConfirming(false);
          }}
          onConfirm={() => {
            setConfirming(false);
            void removeTasks([task.id]);
          }}
        />
      )}
    </header>
  );
}
