#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { TaskdeckError } from '../../shared/errors.js';
import { cronTriggerSchema, timeZoneSchema } from '../../shared/schemas/trigger.js';
import { isoDateTimeSchema } from '../../shared/schemas/primitives.js';
import { parseOrThrow } from '../../shared/validation.js';
import { previewTrigger } from '../core/service/preview.js';
import { runRemote, type Out } from './cli-remote.js';
import { defaultDataDir } from './data-dir.js';
import { readEndpoint } from './endpoint-file.js';
import { FolderLockedError, isRunning } from './instance-lock.js';
import { ConnectError, connectRpc } from './node-rpc-client.js';
import { serve } from './serve.js';
import { serveOptions } from './serve-options.js';
import { UsageError } from './usage-error.js';

const HELP = `taskdeck: schedule and run your background jobs

Usage:
  taskdeck serve [--data-dir D] [--host 127.0.0.1] [--port 7421] [--token T] [--no-examples] [--allow-remote]
  taskdeck list [--tag T] [--state idle|queued|running|paused|completed]
  taskdeck add <task.json | -> | --name N --command C [--every 5m | --cron "0 9 * * 1-5" [--tz Z] | --at ISO]
  taskdeck run|pause|resume|remove <id, start of id, or name>
  taskdeck history [<id, start of id, or name>] [--status S] [--limit 1-500]
  taskdeck export [--out file.json]
  taskdeck import <file.json | -> [--mode merge|replace]
  taskdeck next "<cron>" [--tz Z] [--from ISO] [--count N]   (offline preview)

serve listens on 127.0.0.1 only. --allow-remote lets other machines in: it listens on every
interface (or on --host), accepts any host name, and still asks every client for the token.
A --host other than a loopback address needs --allow-remote.

Commands other than serve and next reach the running Taskdeck (app or serve) through
endpoint.json in its data folder, or --url with --token. Add --json for output scripts can read.

Exit codes: 0 done, 1 failed, 2 usage, 3 Taskdeck unreachable, refused the token, or its data
folder is in use by another Taskdeck, 4 no such task or execution, 5 invalid input (the message
names the field).`;

const options = {
  'data-dir': { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  token: { type: 'string' },
  url: { type: 'string' },
  'no-examples': { type: 'boolean' },
  'allow-remote': { type: 'boolean' },
  json: { type: 'boolean' },
  tag: { type: 'string' },
  state: { type: 'string' },
  status: { type: 'string' },
  limit: { type: 'string' },
  out: { type: 'string' },
  mode: { type: 'string' },
  name: { type: 'string' },
  command: { type: 'string' },
  every: { type: 'string' },
  cron: { type: 'string' },
  at: { type: 'string' },
  tz: { type: 'string' },
  from: { type: 'string' },
  count: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return 2;
  if (error instanceof ConnectError || error instanceof FolderLockedError) return 3;
  if (error instanceof TaskdeckError) {
    if (error.code === 'not_found') return 4;
    if (error.code === 'invalid_params') return 5;
  }
  return 1;
}

function next(
  positionals: string[],
  flags: Record<string, string | boolean | undefined>,
  out: Out,
): void {
  const expression = positionals[0];
  if (expression === undefined)
    throw new UsageError('next needs a cron expression, e.g. taskdeck next "0 9 * * 1-5"');
  // Flags are checked on their own so a mistake names the flag the person typed.
  const timezone =
    typeof flags.tz === 'string' ? parseOrThrow(timeZoneSchema, flags.tz, ['--tz']) : undefined;
  const trigger = parseOrThrow(cronTriggerSchema, {
    type: 'cron',
    expression,
    ...(timezone === undefined ? {} : { timezone }),
  });
  const from =
    typeof flags.from === 'string'
      ? Date.parse(parseOrThrow(isoDateTimeSchema, flags.from, ['--from']))
      : Date.now();
  const count = typeof flags.count === 'string' ? Number(flags.count) : 5;
  if (!Number.isInteger(count) || count < 1 || count > 1_000)
    throw new UsageError('--count is a whole number from 1 to 1000');
  const zone = trigger.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const preview = previewTrigger(trigger, from, count, zone, undefined, () => undefined);
  if (out.json) {
    out.print(JSON.stringify({ ...preview, timezone: zone }, null, 2));
    return;
  }
  const local = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  out.print(
    `${preview.description}\n${preview.next.map((iso) => `  ${local.format(new Date(iso))} ${zone}  (${iso})`).join('\n')}`,
  );
}

/** The command line parsed; an unknown flag or a missing value is a one-line usage error. */
function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS_')) throw error;
    // Node's message goes on about positionals after "--"; its first sentence says it all.
    const first = (error as Error).message.split(/\.\s/)[0] ?? '';
    throw new UsageError(`${first.replace(/\.$/, '')}; see taskdeck --help`);
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv);
  const [command, ...rest] = positionals;
  const out: Out = {
    json: values.json === true,
    print: (text) => process.stdout.write(`${text}\n`),
  };
  if (values.help === true || command === undefined || command === 'help') {
    out.print(HELP);
    return command === undefined && values.help !== true ? 2 : 0;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  if (command === 'serve') {
    await serve(serveOptions(values, dataDir));
    return 0;
  }
  if (command === 'next') {
    next(rest, values, out);
    return 0;
  }
  if (values.url !== undefined && values.token === undefined)
    throw new UsageError(
      '--url needs --token: the token taskdeck serve printed (also in endpoint.json)',
    );
  const endpoint =
    values.url !== undefined && values.token !== undefined
      ? { url: values.url, token: values.token }
      : readEndpoint(dataDir);
  if (endpoint === null)
    throw new ConnectError(
      `Taskdeck is not running (no endpoint.json in ${dataDir}); start it with taskdeck serve`,
    );
  if ('pid' in endpoint && !isRunning(endpoint.pid))
    throw new ConnectError(
      `Taskdeck is not running: endpoint.json in ${dataDir} was left by pid ${endpoint.pid}, which has exited; start it with taskdeck serve`,
    );
  const client = await connectRpc(endpoint.url, values.token ?? endpoint.token);
  try {
    await runRemote(client.api, command, rest, values, out);
  } finally {
    client.close();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`taskdeck: ${message}\n`);
    process.exitCode = exitCodeOf(error);
  },
);
