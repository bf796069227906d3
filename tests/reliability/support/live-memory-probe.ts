import WebSocket from 'ws';
import { eventually } from '../../support/eventually.js';

/**
 * A V8 inspector session on a Node process started with `--inspect=127.0.0.1:0`. A reading
 * forces full collections first, so it is what the process keeps: its RSS swings by tens of MiB
 * with the garbage between collections, and how late those come depends on the machine's load.
 */
export interface LiveMemoryProbe {
  /** JavaScript heap in use plus memory outside it (Buffers), after full collections. */
  liveBytes(): Promise<number>;
  close(): void;
}

interface InspectorReply {
  id: number;
  result?: { result?: { value?: unknown } };
  error?: { message: string };
}

/** Connects to the inspector whose address the process printed to `stderr`. */
export async function connectLiveMemoryProbe(stderr: () => string): Promise<LiveMemoryProbe> {
  const url = await eventually(
    () => /Debugger listening on (ws:\/\/\S+)/.exec(stderr())?.[1],
    10_000,
    'the inspector address on stderr',
  );
  const socket = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => {
      resolve();
    });
    socket.once('error', reject);
  });
  const pending = new Map<number, (reply: InspectorReply) => void>();
  socket.on('message', (data: Buffer) => {
    const reply = JSON.parse(data.toString()) as Partial<InspectorReply>;
    if (typeof reply.id === 'number') pending.get(reply.id)?.(reply as InspectorReply);
  });
  let nextId = 1;
  const call = (method: string, params: object = {}) =>
    new Promise<InspectorReply>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (reply) => {
        pending.delete(id);
        if (reply.error === undefined) resolve(reply);
        else reject(new Error(`${method}: ${reply.error.message}`));
      });
      socket.send(JSON.stringify({ id, method, params }));
    });
  return {
    liveBytes: async () => {
      // Twice: objects kept only by finalizers or weak references go in the second one.
      await call('HeapProfiler.collectGarbage');
      await call('HeapProfiler.collectGarbage');
      const reply = await call('Runtime.evaluate', {
        expression:
          '(() => { const m = process.memoryUsage(); return m.heapUsed + m.external; })()',
        returnByValue: true,
      });
      const value = reply.result?.result?.value;
      if (typeof value !== 'number') throw new Error(`no memory reading: ${JSON.stringify(reply)}`);
      return value;
    },
    close: () => {
      socket.close();
    },
  };
}
