import { PidusageSampler } from '../../../electron/adapters/process/pidusage-sampler.js';
import { ProcfsSampler } from '../../../electron/adapters/process/procfs-sampler.js';
import { describeProcessSamplerContract } from './process-sampler-contract.js';

// The engine's tests use no sampler double: the port's only implementations are these two.
describeProcessSamplerContract('ProcfsSampler', () => new ProcfsSampler());
describeProcessSamplerContract('PidusageSampler', () => new PidusageSampler());
