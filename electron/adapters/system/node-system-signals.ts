import type { SystemSample } from '../../../shared/schemas/system.js';
import type {
  SystemReadings,
  SystemSignal,
  SystemSignals,
} from '../../core/ports/system-signals.js';
import { FileWatch } from './file-watch.js';
import type { ErrorLog } from './file-watch.js';
import { SystemSampler } from './system-sampler.js';

/** What a `NodeSystemSignals` is built from; everything has a default. */
export interface NodeSystemSignalsOptions {
  /** Reads the machine at each interval; a fresh `SystemSampler` by default. */
  sampler?: SystemSampler;
  /** Where failures the adapter survives are reported; `console.error` by default. */
  log?: ErrorLog;
}

function consoleLog(message: string, error: unknown): void {
  console.error(`Taskdeck: ${message}`, error);
}

/**
 * The `SystemSignals` port on plain Node: samples the machine at an interval and reports
 * `readings` and power changes to subscribers, watches files with `fs.watch`, and takes what
 * only a desktop host can tell (idle time, suspend, resume, lock) through `setIdleMs` and
 * `signal`.
 */
export class NodeSystemSignals implements SystemSignals {
  private readonly sampler: SystemSampler;
  private readonly log: ErrorLog;
  private readonly listeners = new Set<(signal: SystemSignal) => void>();
  private readonly sampleListeners = new Set<(sample: SystemSample) => void>();
  private current: SystemReadings = { onAcPower: null, idleMs: null, cpuPercent: null };
  private timer: NodeJS.Timeout | null = null;

  constructor(options: NodeSystemSignalsOptions = {}) {
    this.sampler = options.sampler ?? new SystemSampler();
    this.log = options.log ?? consoleLog;
  }

  /** Calls `listener` with every signal until the returned function is called. */
  subscribe(listener: (signal: SystemSignal) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The latest readings; CPU is null until the first interval has passed. */
  readings(): SystemReadings {
    return { ...this.current };
  }

  /** Calls `listener` with each sample (the `system.sample` event) until the return is called. */
  onSample(listener: (sample: SystemSample) => void): () => void {
    this.sampleListeners.add(listener);
    return () => {
      this.sampleListeners.delete(listener);
    };
  }

  /** Samples now (priming CPU) and then every `intervalMs`; a second call replaces the interval. */
  start(intervalMs: number): void {
    if (!(intervalMs > 0) || !Number.isFinite(intervalMs)) {
      throw new RangeError(`The sampling interval must be a positive number of ms: ${intervalMs}`);
    }
    this.stop();
    // The priming sample measures CPU since boot, which says nothing about now: power only.
    this.current.onAcPower = this.acPowerFrom(this.sampler.sample());
    this.timer = setInterval(() => {
      this.tick();
    }, intervalMs);
    // Hosts keep themselves alive with their servers; sampling alone never should.
    this.timer.unref();
  }

  /** Stops sampling; readings keep their last values. Calling it twice is harmless. */
  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Sets the user's idle time, as a desktop host measures it; the next `readings` carries it. */
  setIdleMs(ms: number): void {
    this.current.idleMs = ms;
  }

  /** Sets the power state a desktop host read at start-up, without reporting it as a change. */
  setOnAcPower(onAcPower: boolean): void {
    this.current.onAcPower = onAcPower;
  }

  /**
   * Reports a signal from the host to subscribers. A power signal also sets the power reading,
   * and is dropped when the state is already known to be so (two sources may see one change).
   */
  signal(signal: SystemSignal): void {
    if (signal.type === 'power.ac' || signal.type === 'power.battery') {
      const onAcPower = signal.type === 'power.ac';
      if (this.current.onAcPower === onAcPower) return;
      this.current.onAcPower = onAcPower;
    }
    this.emit(signal);
  }

  /** Calls `onChange` once per burst of changes to the file or folder at `path` (`FileWatch`). */
  watchFile(path: string, onChange: () => void): () => void {
    const watch = new FileWatch(path, onChange, this.log);
    return () => {
      watch.close();
    };
  }

  private tick(): void {
    const sample = this.sampler.sample();
    const before = this.current.onAcPower;
    const onAcPower = this.acPowerFrom(sample);
    this.current.onAcPower = onAcPower;
    this.current.cpuPercent = sample.cpuPercent;
    const onBattery = onAcPower === null ? null : !onAcPower;
    for (const listener of this.sampleListeners) {
      this.call(listener, { ...sample, onBattery });
    }
    if (before !== null && onAcPower !== null && before !== onAcPower) {
      this.emit({ type: onAcPower ? 'power.ac' : 'power.battery' });
    }
    this.emit({ type: 'readings' });
  }

  /** The sampler's word on power when it has one, else what the host said last. */
  private acPowerFrom(sample: SystemSample): boolean | null {
    return sample.onBattery === null ? this.current.onAcPower : !sample.onBattery;
  }

  private emit(signal: SystemSignal): void {
    for (const listener of this.listeners) this.call(listener, signal);
  }

  private call<T>(listener: (value: T) => void, value: T): void {
    try {
      listener(value);
    } catch (error) {
      // One broken listener must not silence the others or end the sampling timer.
      this.log('a system signal listener threw', error);
    }
  }
}
