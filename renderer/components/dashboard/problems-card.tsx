import { TriangleAlert, X } from 'lucide-react';
import { problemKey } from '../../dashboard/dismissed-problems.js';
import { useActions, useAppStore } from '../../hooks/use-app-store.js';

/**
 * What Taskdeck found wrong and could not fix alone (a damaged file moved aside, with where the
 * copy is), shown until the person dismisses each one; dismissals are remembered.
 */
export function ProblemsCard() {
  const problems = useAppStore((state) => state.problems);
  const dismissed = useAppStore((state) => state.dismissedProblems);
  const { dismissProblem } = useActions();
  const open = problems.filter((problem) => !dismissed.includes(problemKey(problem)));
  if (open.length === 0) return null;
  return (
    <section className="card problems-card" aria-labelledby="problems-title">
      <h2 id="problems-title" className="card-title">
        <TriangleAlert size={16} aria-hidden /> Needs your attention
      </h2>
      <ul className="problem-list">
        {open.map((problem) => (
          <li key={problemKey(problem)} className="problem" role="alert">
            <div className="problem-text">
              <p>{problem.message}</p>
              {problem.path !== undefined && (
                <p className="problem-path">
                  <span className="muted">File: </span>
                  <code>{problem.path}</code>
                </p>
              )}
            </div>
            <button
              type="button"
              className="btn btn-sm"
              onClick={() => {
                dismissProblem(problem);
              }}
            >
              <X size={13} aria-hidden /> Dismiss
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
