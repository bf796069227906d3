/**
 * The little of a page's globals the in-page probes use. The bench compiles for Node (no DOM
 * types, so no stray `window` in the engine); probes that Playwright runs in the page see the
 * page through this instead.
 */
export interface PageGlobals {
  document: {
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): { length: number };
  };
  requestAnimationFrame(callback: (now: number) => void): number;
  performance: {
    now(): number;
    getEntriesByName(name: string): { duration: number; detail?: unknown }[];
  };
}

/** The little of an element the probes use. */
export interface PageElement {
  textContent: string | null;
  scrollTop: number;
  click(): void;
}
