import clsx from 'clsx';
import { Keyboard, LayoutDashboard, ListChecks, Settings, type LucideIcon } from 'lucide-react';
import { problemKey } from '../dashboard/dismissed-problems.js';
import { useActions, useAppStore } from '../hooks/use-app-store.js';
import type { AppState, Route } from '../store/app-state.js';
import { routeToHash } from '../store/route.js';
import { plural } from '../store/slice.js';
import { selectTaskCount } from '../store/task-values.js';

interface NavItem {
  label: string;
  icon: LucideIcon;
  route: Route;
  /** The screens that belong to this item (a task's detail belongs to Tasks). */
  screens: Route['screen'][];
  /** The key that goes there (see keyboard/shortcuts.ts). */
  shortcut: string;
}

/** The screens of the window, in the sidebar's order. */
const NAV_ITEMS: NavItem[] = [
  {
    label: 'Dashboard',
    icon: LayoutDashboard,
    route: { screen: 'dashboard' },
    screens: ['dashboard'],
    shortcut: 'd',
  },
  {
    label: 'Tasks',
    icon: ListChecks,
    route: { screen: 'tasks' },
    screens: ['tasks', 'task'],
    shortcut: 't',
  },
  {
    label: 'Settings',
    icon: Settings,
    route: { screen: 'settings' },
    screens: ['settings'],
    shortcut: ',',
  },
];

const CONNECTION_WORDS = {
  open: 'Connected',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
} as const;

/** How many of the service's problems the person has not dismissed yet. */
function openProblems(state: AppState): number {
  return state.problems.filter((problem) => !state.dismissedProblems.includes(problemKey(problem)))
    .length;
}

/** The left sidebar: the app's name, its screens, shortcuts, and the link's state. */
export function Sidebar() {
  const route = useAppStore((state) => state.route);
  const count = useAppStore(selectTaskCount);
  const problems = useAppStore(openProblems);
  const connection = useAppStore((state) => state.connection);
  const { navigate, setHelpOpen } = useActions();
  const badges: Record<string, { text: string; label: string; warn: boolean } | null> = {
    Dashboard:
      problems === 0
        ? null
        : {
            text: String(problems),
            label: `${problems} ${problems === 1 ? 'problem needs' : 'problems need'} attention`,
            warn: true,
          },
    Tasks: count === 0 ? null : { text: String(count), label: plural(count, 'task'), warn: false },
  };
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <ListChecks size={16} strokeWidth={2.4} />
        </span>
        <span className="brand-name">Taskdeck</span>
      </div>
      <ul className="nav-list">
        {NAV_ITEMS.map((item) => {
          const current = item.screens.includes(route.screen);
          const Icon = item.icon;
          const badge = badges[item.label] ?? null;
          return (
            <li key={item.label}>
              <a
                href={routeToHash(item.route)}
                className={clsx('nav-item', current && 'current')}
                aria-current={current ? 'page' : undefined}
                aria-keyshortcuts={item.shortcut}
                aria-label={badge === null ? undefined : `${item.label}, ${badge.label}`}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(item.route);
                }}
              >
                <Icon size={16} aria-hidden />
                <span>{item.label}</span>
                {badge !== null && (
                  <span
                    className={clsx('nav-count', badge.warn && 'warn')}
                    title={badge.label}
                    aria-hidden="true"
                  >
                    {badge.text}
                  </span>
                )}
              </a>
            </li>
          );
        })}
      </ul>
      <div className="sidebar-foot">
        <button
          type="button"
          className="btn btn-quiet btn-sm shortcuts-button"
          aria-keyshortcuts="?"
          onClick={() => {
            setHelpOpen(true);
          }}
        >
          <Keyboard size={14} aria-hidden /> Keyboard shortcuts
          <span className="kbd" aria-hidden="true">
            ?
          </span>
        </button>
        <div className="connection">
          <span className={clsx('conn-dot', connection)} aria-hidden="true" />
          {CONNECTION_WORDS[connection]}
        </div>
      </div>
    </nav>
  );
}
