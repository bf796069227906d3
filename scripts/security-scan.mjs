// Electronegativity over the Electron code and the window (electron/ and renderer/): fails on any
// HIGH or MEDIUM finding that security/electronegativity-allowlist.json does not list with a
// reason. The scanner always exits 0, so its report is parsed here. Its SARIF output carries no
// severity, so the CSV report is read instead.
// Usage: node scripts/security-scan.mjs [--input DIR]... [--allowlist FILE] [--report FILE]
//   --input      folders to scan (default: electron and renderer), copied side by side so
//                findings name paths like electron/main/security.ts
//   --allowlist  default security/electronegativity-allowlist.json
//   --report     keep the CSV report at FILE
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

const ELECTRON_VERSION = '45.4.1';
const BLOCKING = new Set(['HIGH', 'MEDIUM']);
// The scanner is a devDependency pinned in package.json: no download, the same version each run.
const require = createRequire(import.meta.url);
const SCANNER_PACKAGE = require.resolve('@doyensec/electronegativity/package.json');
const SCANNER_VERSION = JSON.parse(readFileSync(SCANNER_PACKAGE, 'utf8')).version;
const SCANNER = join(dirname(SCANNER_PACKAGE), 'dist', 'index.js');
// The scanner (last published 2024-12) crashes on Node 24 when it is offline: its HTTP client's
// retry of a failed translation lookup hits an already settled promise (p-cancelable: "The
// `onCancel` handler was attached after the promise settled"), and no flag turns the lookup off.
// So it runs on Node 20: this Node when it is 20 (as `npm test` runs it), else Node 20 from npm
// (as the unit test does under node@24) — only the runtime is fetched, the scanner stays local.
const SCANNER_COMMAND = process.versions.node.startsWith('20.')
  ? [process.execPath, [SCANNER]]
  : ['npx', ['-y', 'node@20.20.2', SCANNER]];
const HEADER = [
  'issue',
  'severity',
  'confidence',
  'filename',
  'location',
  'sample',
  'description',
  'url',
];

function parseArgs(argv) {
  const options = {
    inputs: [],
    allowlist: 'security/electronegativity-allowlist.json',
    report: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${argv[i]} needs a value`);
    if (argv[i] === '--input') options.inputs.push(value);
    else if (argv[i] === '--allowlist') options.allowlist = value;
    else if (argv[i] === '--report') options.report = value;
    else throw new Error(`Unknown option ${argv[i]}`);
    i++;
  }
  if (options.inputs.length === 0) options.inputs = ['electron', 'renderer'];
  return options;
}

/** RFC 4180 CSV (quoted fields may hold commas, doubled quotes and newlines). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

/** The findings of a CSV report; throws when the report is not what the scanner writes. */
function readFindings(csv) {
  const [header, ...rows] = parseCsv(csv);
  if (header === undefined || header.map((h) => h.trim()).join() !== HEADER.join())
    throw new Error('The scanner wrote no report header; it probably did not run');
  return rows.map((row) => {
    const [check, severity, confidence, file, location, sample, description] = row;
    if (row.length !== HEADER.length || !/^[A-Z0-9_]+$/.test(check ?? ''))
      throw new Error(`Unreadable report line: ${row.join(',')}`);
    return { check, severity, confidence, file, location, sample, description };
  });
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
function main() {
  const options = parseArgs(process.argv.slice(2));
  const allowlist = readAllowlist(options.allowlist);
  const work = mkdtempSync(join(tmpdir(), 'taskdeck-scan-'));
  try {
    return scan(options, allowlist, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function scan(options, allowlist, work) {
  const staging = join(work, 'src');
  for (const input of options.inputs)
    cpSync(resolve(input), join(staging, basename(resolve(input))), { recursive: true });
  const report = join(work, 'report.csv');
  const started = Date.now();
  let findings = null;
  // The scanner writes the CSV header and the rows with two unordered async writes, so a report
  // can come out garbled now and then: such a report is read as unreadable and the scan re-run.
  for (let attempt = 1; findings === null; attempt++) {
    const [command, prefix] = SCANNER_COMMAND;
    const result = spawnSync(
      command,
      [...prefix, '-i', staging, '-r', '-v', 'false', '-e', ELECTRON_VERSION, '-o', report],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) {
      process.stderr.write(result.stdout + result.stderr);
      throw new Error(`The scanner failed to run (exit ${result.status ?? result.signal})`);
    }
    try {
      findings = readFindings(readFileSync(report, 'utf8'));
    } catch (error) {
      if (attempt >= 3) throw error;
      console.log(
        `warning  ${error instanceof Error ? error.message : String(error)}; scanning again`,
      );
    }
  }
  if (options.report !== null) copyFileSync(report, options.report);
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
  process.exitCode = main();
} catch (error) {
  // 2, not 1: the check could not be made, which is not the same as a finding.
  console.error(`security scan: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
