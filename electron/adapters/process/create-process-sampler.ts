import type { ProcessSampler } from '../../core/ports/process-sampler.js';
import { PidusageSampler } from './pidusage-sampler.js';
import { ProcfsSampler } from './procfs-sampler.js';

/** The process sampler for `platform`: /proc on Linux, pidtree and pidusage elsewhere. */
export function createProcessSampler(platform: NodeJS.Platform = process.platform): ProcessSampler {
  return platform === 'linux' ? new ProcfsSampler() : new PidusageSampler();
}
