import { JsonlHistoryStore } from '../../electron/adapters/history/jsonl-history-store.js';

// Run by open-history-memory.ts as `node --expose-gc open-history.js <data folder>`, in a fresh
// process: opens the history log there, reads its first page, collects garbage and prints the
// memory the process then holds as one JSON line. Nothing else has run in this process, so what
// grows from one log to another is what the store keeps.

const dir = process.argv[2];
const gc = (globalThis as { gc?: () => void }).gc;
if (dir === undefined || gc === undefined) {
  throw new Error('Usage: node --expose-gc open-history.js <data folder>');
}
const store = new JsonlHistoryStore({ dir });
await store.open();
const page = await store.list({ limit: 100 });
// Twice: the first collection may leave what only its finalizers released.
gc();
gc();
const { heapUsed, arrayBuffers, rss } = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({ items: page.items.length, heapUsed, arrayBuffers, rss })}\n`,
);
await store.close();
