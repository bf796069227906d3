import { useActions } from '../../hooks/use-app-store.js';

interface TaskLinkProps {
  taskId: string;
  name: string;
  /** Opens this run on the task's page. */
  executionId?: string | undefined;
  className?: string;
}

/** A task's name that opens its page (or one of its runs there). */
export function TaskLink({ taskId, name, executionId, className }: TaskLinkProps) {
  const { navigate } = useActions();
  const href =
    executionId === undefined ? `#/tasks/${taskId}` : `#/tasks/${taskId}/runs/${executionId}`;
  return (
    <a
      href={href}
      className={`task-link truncate ${className ?? ''}`}
      title={name}
      onClick={(event) => {
        event.preventDefault();
        navigate(
          executionId === undefined
            ? { screen: 'task', taskId }
            : { screen: 'task', taskId, executionId },
        );
      }}
    >
      {name}
    </a>
  );
}
