import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../store/app-state.js';

/** The store the window was started with; provided once at the root. */
export const StoreContext = createContext<StoreApi<AppState> | null>(null);

/** The store itself, for actions and one-off reads outside rendering. */
export function useStoreApi(): StoreApi<AppState> {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useStoreApi needs a StoreContext provider');
  return store;
}

/** Reads the store through `selector`; the component re-renders when the selection changes. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useStoreApi(), selector);
}

/** The store's actions (stable functions; reading them never re-renders). */
export function useActions(): AppState {
  return useStoreApi().getState();
}
