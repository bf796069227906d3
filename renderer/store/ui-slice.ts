import type { UiSlice } from './app-state.js';
import { sameRoute } from './route.js';
import type { Slice } from './slice.js';

/** Toasts shown at once; older ones make room. */
const MAX_TOASTS = 4;

/** What the person is looking at and choosing: route, search, filters, selection, dialogs. */
export const uiSlice: Slice<UiSlice> = () => (set) => {
  let nextToast = 1;
  return {
    route: { screen: 'dashboard' },
    query: '',
    stateFilter: null,
    tagFilter: null,
    sort: { key: 'name', descending: false },
    selection: [],
    anchorId: null,
    activeId: null,
    editor: null,
    toasts: [],
    helpOpen: false,

    navigate(route) {
      // The address bar echoes every route back; an equal route must not re-render the window.
      set((state) => (sameRoute(state.route, route) ? {} : { route }));
    },
    // A changed search or filter clears the selection: acting on rows one cannot see surprises.
    setQuery(query) {
      set({ query, selection: [] });
    },
    setStateFilter(stateFilter) {
      set({ stateFilter, selection: [] });
    },
    setTagFilter(tagFilter) {
      set({ tagFilter, selection: [] });
    },
    setSort(key) {
      set((state) => ({
        sort: {
          key,
          descending: state.sort.key === key ? !state.sort.descending : false,
        },
      }));
    },
    setSelection(selection, anchorId) {
      set((state) => ({ selection, anchorId: anchorId === undefined ? state.anchorId : anchorId }));
    },
    setActive(activeId) {
      set({ activeId });
    },
    openEditor(editor) {
      set({ editor });
    },
    notify(kind, message) {
      const id = nextToast++;
      set((state) => ({ toasts: [...state.toasts, { id, kind, message }].slice(-MAX_TOASTS) }));
    },
    dismissToast(id) {
      set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) }));
    },
    setHelpOpen(helpOpen) {
      set({ helpOpen });
    },
  };
};
