import { describe, expect, it } from 'vitest';
import type { Route } from '../../renderer/store/app-state.js';
import { hashToRoute, routeOfTarget, routeToHash, sameRoute } from '../../renderer/store/route.js';

const TASK = '3f0e2a4c-1b2d-4e5f-8a9b-0c1d2e3f4a5b';
const RUN = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

describe('routes and addresses', () => {
  it('round-trips every screen through the address bar', () => {
    const routes: Route[] = [
      { screen: 'dashboard' },
      { screen: 'tasks' },
      { screen: 'settings' },
      { screen: 'task', taskId: TASK },
      { screen: 'task', taskId: TASK, executionId: RUN },
    ];
    for (const route of routes) expect(hashToRoute(routeToHash(route))).toEqual(route);
    expect(routeToHash({ screen: 'task', taskId: TASK, executionId: RUN })).toBe(
      `#/tasks/${TASK}/runs/${RUN}`,
    );
  });

  it('opens on the dashboard for an empty or unknown address', () => {
    for (const hash of ['', '#', '#/', '#/nowhere', '#/tasks/not-an-id', `#/tasks/${TASK}/x`])
      expect(hashToRoute(hash)).toEqual({ screen: 'dashboard' });
  });

  it('tells routes apart by what they show, the opened run included', () => {
    expect(sameRoute({ screen: 'task', taskId: TASK }, { screen: 'task', taskId: TASK })).toBe(
      true,
    );
    expect(
      sameRoute(
        { screen: 'task', taskId: TASK },
        { screen: 'task', taskId: TASK, executionId: RUN },
      ),
    ).toBe(false);
    expect(sameRoute({ screen: 'tasks' }, { screen: 'dashboard' })).toBe(false);
  });

  it('goes where the desktop app asks: a task, or one of its runs', () => {
    expect(routeOfTarget({ kind: 'task', taskId: TASK })).toEqual({ screen: 'task', taskId: TASK });
    expect(routeOfTarget({ kind: 'execution', taskId: TASK, executionId: RUN })).toEqual({
      screen: 'task',
      taskId: TASK,
      executionId: RUN,
    });
  });
});
