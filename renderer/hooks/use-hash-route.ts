import { useEffect } from 'react';
import { hashToRoute, routeToHash } from '../store/route.js';
import { useActions, useAppStore } from './use-app-store.js';

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
