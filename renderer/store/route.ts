import type { OpenTarget } from '../../shared/desktop-bridge.js';
import type { Route } from './app-state.js';

const TASK = /^#\/tasks\/([0-9a-f-]{36})(?:\/runs\/([0-9a-f-]{36}))?$/i;

/** The address of a route: `#/dashboard`, `#/tasks`, `#/tasks/<id>[/runs/<id>]`, `#/settings`. */
export function routeToHash(route: Route): string {
  switch (route.screen) {
    case 'dashboard':
      return '#/dashboard';
    case 'tasks':
      return '#/tasks';
    case 'settings':
      return '#/settings';
    case 'task':
      return route.executionId === undefined
        ? `#/tasks/${route.taskId}`
        : `#/tasks/${route.taskId}/runs/${route.executionId}`;
  }
}

/** The route an address names; anything unknown is the dashboard, the first screen. */
export function hashToRoute(hash: string): Route {
  if (hash === '#/tasks') return { screen: 'tasks' };
  if (hash === '#/settings') return { screen: 'settings' };
  const match = TASK.exec(hash);
  if (match?.[1] === undefined) return { screen: 'dashboard' };
  return match[2] === undefined
    ? { screen: 'task', taskId: match[1] }
    : { screen: 'task', taskId: match[1], executionId: match[2] };
}

/** True when both routes show the same thing. */
export function sameRoute(a: Route, b: Route): boolean {
  return routeToHash(a) === routeToHash(b);
}

/** Where the window goes when the desktop app asks it to show a task or one of its runs. */
export function routeOfTarget(target: OpenTarget): Route {
  return target.kind === 'task'
    ? { screen: 'task', taskId: target.taskId }
    : { screen: 'task', taskId: target.taskId, executionId: target.executionId };
}
