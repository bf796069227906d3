import { Pause, Play } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useActions, useAppStore } from '../../hooks/use-app-store.js';
import { useNow } from '../../hooks/use-now.js';
import { OutcomesCard } from './outcomes-card.js';
import { ProblemsCard } from './problems-card.js';
import { QueueCard } from './queue-card.js';
import { RunningCard } from './running-card.js';
import { SummaryTiles } from './summary-tiles.js';
import { SystemLoadCard } from './system-load-card.js';
import { TimelineCard } from './timeline-card.js';
import { WelcomeCard } from './welcome-card.js';

/** Outcomes are counted again at most this often while runs end. */
const OUTCOMES_EVERY_MS = 3_000;
/** And at least this often, as the last 24 hours move on. */
const OUTCOMES_AT_LEAST_MS = 60_000;

const today = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  month: 'long',
  day: 'numeric',
});

/**
 * Keeps the dashboard's figures current while it is shown: loaded when the link opens, the
 * queue's positions reloaded whenever the scheduler changes (positions move without events of
 * their own), and outcomes recounted as runs end (at most every few seconds) and every minute.
 */
function useLiveFigures(): void {
  const connected = useAppStore((state) => state.connection === 'open');
  const scheduler = useAppStore((state) => state.scheduler);
  const { loadOutcomes, refreshQueue } = useActions();
  const lastOutcomes = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const seen = useRef<typeof scheduler>(null);

  useEffect(() => {
    if (!connected) return;
    lastOutcomes.current = Date.now();
    void loadOutcomes();
    const timer = setInterval(() => {
      lastOutcomes.current = Date.now();
      void loadOutcomes();
    }, OUTCOMES_AT_LEAST_MS);
    return () => {
      clearInterval(timer);
    };
  }, [connected, loadOutcomes]);

  useEffect(() => {
    if (!connected || scheduler === null) return;
    void refreshQueue();
    // The first status is the one the outcomes were just loaded with; later ones mean change.
    const first = seen.current === null;
    seen.current = scheduler;
    if (first || pending.current !== null) return;
    const wait = Math.max(0, lastOutcomes.current + OUTCOMES_EVERY_MS - Date.now());
    pending.current = setTimeout(() => {
      pending.current = null;
      lastOutcomes.current = Date.now();
      void loadOutcomes();
    }, wait);
  }, [connected, scheduler, loadOutcomes, refreshQueue]);

  useEffect(
    () => () => {
      if (pending.current !== null) clearTimeout(pending.current);
    },
    [],
  );
}

/** Today's date; its own component, so the ticking clock re-renders nothing else. */
function Today() {
  const now = useNow();
  return <span className="count">{today.format(now)}</span>;
}

/** The scheduler-wide pause switch, as on the toolbar, where the dashboard's reader looks. */
function PauseAllButton() {
  const paused = useAppStore((state) => state.scheduler?.paused ?? null);
  const { pauseAll, resumeAll } = useActions();
  if (paused === null) return null;
  return paused ? (
    <button type="button" className="btn" onClick={() => void resumeAll()}>
      <Play size={15} aria-hidden /> Resume all
    </button>
  ) : (
    <button type="button" className="btn" onClick={() => void pauseAll()}>
      <Pause size={15} aria-hidden /> Pause all
    </button>
  );
}

/**
 * The overview a person opens first: problems to deal with, what runs and waits (and why),
 * what is planned for the next 24 hours, how the machine is doing, and how runs went lately.
 */
export function DashboardScreen() {
  useLiveFigures();
  return (
    <section className="screen dashboard" aria-labelledby="dashboard-title">
      <header className="screen-header">
        <div className="screen-title">
          <h1 id="dashboard-title">Dashboard</h1>
          <Today />
        </div>
        <div className="screen-actions" role="toolbar" aria-label="Dashboard actions">
          <PauseAllButton />
        </div>
      </header>
      <ProblemsCard />
      <WelcomeCard />
      <SummaryTiles />
      <div className="dash-grid">
        <RunningCard />
        <QueueCard />
      </div>
      <TimelineCard />
      <div className="dash-grid">
        <OutcomesCard />
        <SystemLoadCard />
      </div>
    </section>
  );
}
