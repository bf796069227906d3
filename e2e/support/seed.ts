import type { TaskDocumentInput, TaskView } from '../../dist/shared/schemas/task.js';
import type { HostProcess } from './host-process.js';

/** A task document with a cron trigger that will not fire during a test, plus `extra`. */
export function taskDocument(
  name: string,
  extra: Partial<TaskDocumentInput> = {},
): TaskDocumentInput {
  return {
    name,
    triggers: [{ type: 'cron', expression: '0 3 1 1 *' }],
    action: { type: 'command', command: 'echo hello' },
    ...extra,
  };
}

/** Creates tasks through the API (as the command line would) and returns their views. */
export async function seedTasks(
  host: HostProcess,
  documents: TaskDocumentInput[],
): Promise<TaskView[]> {
  const views: TaskView[] = [];
  for (const document of documents) views.push(await host.rpc.api.call('tasks.create', document));
  return views;
}
