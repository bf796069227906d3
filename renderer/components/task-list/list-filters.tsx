import { taskStateSchema, type TaskState } from '../../../shared/schemas/task.js';
import { useActions, useAppStore } from '../../hooks/use-app-store.js';
import { createAllTagsSelector } from '../../store/task-query.js';
import { taskStateLabel } from '../status-badge.js';

const selectTags = createAllTagsSelector();

/** Filters of the task list: by state and by tag. */
export function ListFilters() {
  const stateFilter = useAppStore((state) => state.stateFilter);
  const tagFilter = useAppStore((state) => state.tagFilter);
  const tags = useAppStore(selectTags);
  const { setStateFilter, setTagFilter } = useActions();
  return (
    <div className="list-filters">
      <label className="inline-field">
        <span aria-hidden="true">State</span>
        <select
          className="select select-sm"
          aria-label="Filter by state"
          value={stateFilter ?? ''}
          onChange={(event) => {
            const value = event.target.value;
            setStateFilter(value === '' ? null : (value as TaskState));
          }}
        >
          <option value="">All states</option>
          {taskStateSchema.options.map((state) => (
            <option key={state} value={state}>
              {taskStateLabel(state)}
            </option>
          ))}
        </select>
      </label>
      <label className="inline-field">
        <span aria-hidden="true">Tag</span>
        <select
          className="select select-sm"
          aria-label="Filter by tag"
          value={tagFilter ?? ''}
          onChange={(event) => {
            const value = event.target.value;
            setTagFilter(value === '' ? null : value);
          }}
        >
          <option value="">All tags</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
