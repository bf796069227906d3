import { useEffect } from 'react';
import type { Route } from '../store/app-state.js';
import { useActions, useAppStore } from './use-app-store.js';

/** The address of a route: `#/tasks` or `#/tasks/<id>`. */
function routeToHash(route: Route): string {
  return route.screen === 'task' ? `#/tasks/${route.taskId}` : '#/tasks';
}

/** The route an address names; anything unknown is the task list. */
export function hashToRoute(hash: string): Route {
  const match = /^#\/tasks\/([0-9a-f-]{36})$/i.exec(hash);
  return match?.[1] === undefined ? { screen: 'tasks' } : { screen: 'task', taskId: match[1] };
}

/**
 * Keeps the route and the address bar in step, so Back, Forward and reload behave as people
 * expect in a browser window. The first route is read from the address before the first render.
 */
export function useHashRoute(): void {
  const route = useAppStore((state) => state.route);
  const { navigate } = useActions();
  useEffect(() => {
    const fromHash = () => {
      navigate(hashToRoute(window.location.hash));
    };
    window.addEventListener('hashchange', fromHash);
    return () => {
      window.removeEventListener('hashchange', fromHash);
    };
  }, [navigate]);
  useEffect(() => {
    const hash = routeToHash(route);
    if (window.location.hash !== hash) window.location.hash = hash;
  }, [route]);
}
