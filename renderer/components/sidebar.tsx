import clsx from 'clsx';
import { ListChecks, type LucideIcon } from 'lucide-react';
import { useActions, useAppStore } from '../hooks/use-app-store.js';
import type { Route } from '../store/app-state.js';

interface NavItem {
  label: string;
  icon: LucideIcon;
  route: Route;
  /** The screens that belong to this item (a task's detail belongs to Tasks). */
  screens: Route['screen'][];
}

/** The screens of the window, in the sidebar's order; new screens add an entry here. */
const NAV_ITEMS: NavItem[] = [
  {
    label: 'Tasks',
    icon: ListChecks,
    route: { screen: 'tasks' },
    screens: ['tasks', 'task'],
  },
];

const CONNECTION_WORDS = {
  open: 'Connected',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
} as const;

/** The left sidebar: the app's name, its screens, and the link's state. */
export function Sidebar() {
  const route = useAppStore((state) => state.route);
  const count = useAppStore((state) => Object.keys(state.tasks).length);
  const connection = useAppStore((state) => state.connection);
  const { navigate } = useActions();
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
          return (
            <li key={item.label}>
              <a
                href={`#/${item.route.screen}`}
                className={clsx('nav-item', current && 'current')}
                aria-current={current ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  navigate(item.route);
                }}
              >
                <Icon size={16} aria-hidden />
                <span>{item.label}</span>
                {item.label === 'Tasks' && count > 0 && <span className="nav-count">{count}</span>}
              </a>
            </li>
          );
        })}
      </ul>
      <div className="sidebar-foot">
        <span className={clsx('conn-dot', connection)} aria-hidden="true" />
        {CONNECTION_WORDS[connection]}
      </div>
    </nav>
  );
}
