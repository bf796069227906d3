import { appendFile } from 'node:fs/promises';
import { NodeSystemSignals } from '../../../electron/adapters/system/node-system-signals.js';
import { FILE_DEBOUNCE_MS } from '../../../electron/adapters/system/file-watch.js';
import { ManualSignals } from '../../core/support/doubles.js';
import { describeSystemSignalsContract } from './system-signals-contract.js';

describeSystemSignalsContract('NodeSystemSignals', () => {
  const signals = new NodeSystemSignals();
  signals.start(50);
  return {
    signals,
    report: (signal) => {
      signals.signal(signal);
    },
    change: (path) => appendFile(path, 'x'),
    quietMs: FILE_DEBOUNCE_MS * 2,
    cleanup: () => {
      signals.stop();
    },
  };
});

describeSystemSignalsContract('ManualSignals (the engine tests double)', () => {
  const signals = new ManualSignals();
  return {
    signals,
    report: (signal) => {
      signals.send(signal);
    },
    change: (path) => {
      signals.touch(path);
      return Promise.resolve();
    },
    quietMs: 0,
    cleanup: () => undefined,
  };
});
