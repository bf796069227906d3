// Electronegativity over the Electron code and the window (electron/ and renderer/): fails on any
// HIGH or MEDIUM finding that security/electronegativity-allowlist.json does not list with a
// reason, and on any file the scanner could not parse (its checks never saw that file).
// Usage: node scripts/security-scan.mjs [--input DIR]... [--allowlist FILE]
//   --input      folders to scan (default: electron and renderer), copied side by side so
//                findings name paths like electron/main/security.ts
//   --allowlist  default security/electronegativity-allowlist.json
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';

const ELECTRON_VERSION = '45.4.1';
const BLOCKING = new Set(['HIGH', 'MEDIUM']);
// The scanner is a devDependency pinned in package.json: no download, the same version each run.
const require = createRequire(import.meta.url);
const SCANNER_PACKAGE = require.resolve('@doyensec/electronegativity/package.json');
const SCANNER_VERSION = JSON.parse(readFileSync(SCANNER_PACKAGE, 'utf8')).version;
const SCANNER_DIST = join(dirname(SCANNER_PACKAGE), 'dist');
// The modules of the scanner that make HTTP requests (translations, Electron's release list).
const SCANNER_NETWORK_USERS = [
  'locales/i18n.js',
  'finder/checks/GlobalChecks/AvailableSecurityFixesGlobalCheck.js',
];
// Its one check whose verdict comes from the network (are there newer 45.x releases with
// security fixes?), not from our code: a gate must not turn red on the day Electron publishes.
const NETWORK_CHECKS = ['availablesecurityfixesglobalcheck'];

/**
 * The scan runs offline, always: its HTTP client (got) is swapped for one that fails at once.
 * Offline, the real client's retry timer fires after its promise settled and throws from a timer
 * (p-cancelable: "The `onCancel` handler was attached after the promise settled"), which killed
 * the scanner on Node 24 and, depending on how the network failed, on Node 20 too. The scanner's
 * CLI also wrote its CSV header and rows with two unordered writes; its programmatic API (run)
 * returns the findings instead, so no report file is read at all.
 */
function loadOfflineScanner() {
  const refuse = () => Promise.reject(new Error('the security scan makes no network requests'));
  refuse.head = refuse;
  refuse.get = refuse;
  for (const user of SCANNER_NETWORK_USERS) {
    const client = createRequire(join(SCANNER_DIST, user)).resolve('got');
    const module = new Module(client);
    module.filename = client;
    module.loaded = true;
    module.exports = { __esModule: true, default: refuse };
    require.cache[client] = module;
  }
  return require(join(SCANNER_DIST, 'runner.js'));
}

function parseArgs(argv) {
  const options = {
    inputs: [],
    allowlist: 'security/electronegativity-allowlist.json',
  };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${argv[i]} needs a value`);
    if (argv[i] === '--input') options.inputs.push(value);
    else if (argv[i] === '--allowlist') options.allowlist = value;
    else throw new Error(`Unknown option ${argv[i]}`);
    i++;
  }
  if (options.inputs.length === 0) options.inputs = ['electron', 'renderer'];
  return options;
}

function readAllowlist(path) {
  const document = JSON.parse(readFileSync(path, 'utf8'));
  const entries = Array.isArray(document.allow) ? document.allow : [];
  for (const entry of entries) {
    if (typeof entry.check !== 'string' || typeof entry.file !== 'string')
      throw new Error(`${path}: every entry needs "check" and "file"`);
    if (typeof entry.reason !== 'string' || entry.reason.trim().length < 20)
      throw new Error(`${path}: ${entry.check} in ${entry.file} needs a reason (a sentence)`);
  }
  return entries;
}

/** Scans, prints every finding with its verdict, and returns the exit code. */
async function main() {
  const options = parseArgs(process.argv.slice(2));
  const allowlist = readAllowlist(options.allowlist);
  const work = mkdtempSync(join(tmpdir(), 'taskdeck-scan-'));
  try {
    return await scan(options, allowlist, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The scanner's issues as flat findings, severity and confidence by name. */
function toFindings(issues) {
  return issues.map((issue) => ({
    check: issue.id,
    severity: issue.severity.name,
    file: issue.file,
    location: `${issue.location.line}:${issue.location.column}`,
    description: issue.description,
  }));
}

async function scan(options, allowlist, work) {
  const staging = join(work, 'src');
  for (const input of options.inputs)
    cpSync(resolve(input), join(staging, basename(resolve(input))), { recursive: true });
  const started = Date.now();
  const run = loadOfflineScanner();
  const result = await run({
    input: staging,
    isRelative: true,
    electronVersionOverride: ELECTRON_VERSION,
    excludeFromScan: NETWORK_CHECKS,
  });
  const findings = toFindings(result.issues);
  const allowed = (finding) =>
    allowlist.find((entry) => entry.check === finding.check && entry.file === finding.file);

  let blocking = 0;
  for (const finding of findings) {
    const entry = allowed(finding);
    const gate = !BLOCKING.has(finding.severity)
      ? 'info'
      : entry !== undefined
        ? 'allowed'
        : 'BLOCKING';
    if (gate === 'BLOCKING') blocking++;
    console.log(
      `${gate.padEnd(8)} ${finding.severity.padEnd(13)} ${finding.check} ${finding.file}:${finding.location} — ${finding.description}`,
    );
    if (entry !== undefined && gate === 'allowed')
      console.log(`         allowed because: ${entry.reason}`);
  }
  // A file the parser gave up on was never checked: as blocking as a finding.
  for (const error of result.errors.filter((e) => !e.tolerable)) {
    blocking++;
    console.log(`BLOCKING unparsed      ${relative(staging, error.file)} — ${error.message}`);
  }
  for (const entry of allowlist) {
    if (!findings.some((f) => f.check === entry.check && f.file === entry.file))
      console.log(
        `warning  the allowlist entry ${entry.check} in ${entry.file} matched nothing; remove it`,
      );
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `Electronegativity ${SCANNER_VERSION} over ${options.inputs.join(', ')}: ${findings.length} findings, ${blocking} blocking (${seconds} s)`,
  );
  return blocking > 0 ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  // 2, not 1: the check could not be made, which is not the same as a finding.
  console.error(`security scan: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
