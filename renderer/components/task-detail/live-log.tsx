import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDownToLine } from 'lucide-react';
import { useLayoutEffect, useRef, useState } from 'react';
import type { LogBuffer } from '../../store/log-buffer.js';

const LINE_HEIGHT = 19;
/** Within this many pixels of the end counts as "at the bottom". */
const BOTTOM_SLACK = 24;

interface LiveLogProps {
  log: LogBuffer;
  /** Shown when there are no lines. */
  emptyText: string;
}

/**
 * A process's output as plain text, stdout and stderr told apart, virtualized. It follows new
 * lines while the person is at the bottom, stops when they scroll up to read, and follows
 * again once they are back at the bottom (or press "Jump to latest").
 */
export function LiveLog({ log, emptyText }: LiveLogProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const { lines } = log;
  // The React Compiler is not used here; the virtualizer is read fresh on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => LINE_HEIGHT,
    overscan: 30,
  });
  const last = lines.at(-1);

  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (follow && element !== null) element.scrollTop = element.scrollHeight;
  }, [follow, lines.length, last?.text]);

  return (
    <div className="log-frame">
      <div
        ref={scrollRef}
        className="log"
        role="log"
        aria-label="Output"
        tabIndex={0}
        onScroll={(event) => {
          const element = event.currentTarget;
          const atBottom =
            element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_SLACK;
          if (atBottom !== follow) setFollow(atBottom);
        }}
      >
        {log.dropped > 0 && (
          <div className="log-note">
            {log.dropped.toLocaleString()} earlier lines are not shown here.
          </div>
        )}
        {lines.length === 0 ? (
          <div className="log-empty">{emptyText}</div>
        ) : (
          <div className="log-lines" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const line = lines[item.index];
              if (line === undefined) return null;
              return (
                <div
                  key={line.id}
                  className={`log-line ${line.stream}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                  data-stream={line.stream}
                >
                  {line.text === '' ? ' ' : line.text}
                </div>
              );
            })}
          </div>
        )}
      </div>
      {!follow && lines.length > 0 && (
        <button
          type="button"
          className="btn btn-sm jump-latest"
          onClick={() => {
            setFollow(true);
          }}
        >
          <ArrowDownToLine size={13} aria-hidden /> Jump to latest
        </button>
      )}
    </div>
  );
}
