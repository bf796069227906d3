import { useId, type ReactNode } from 'react';

/** One figure, named by its label so it can be found and read as a whole. */
export function Tile({ label, children }: { label: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className="tile" role="group" aria-labelledby={id}>
      <span id={id} className="tile-label">
        {label}
      </span>
      {children}
    </div>
  );
}
