import { chmodSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChildProcessRunner } from '../../../electron/adapters/process/child-process-runner.js';
import { procInfo, waitUntil } from './proc-helpers.js';
import { hostEnvironment, start } from './runner-harness.js';

let dir = '';
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'taskdeck-runner-')));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** True when the text survives a round trip through UTF-8 (no lone surrogates). */
function wellFormed(text: string): boolean {
  return Buffer.from(text, 'utf8').toString('utf8') === text;
}

describe('ChildProcessRunner: output', () => {
  it('captures stdout and stderr as chunks timestamped on arrival, in order', async () => {
    const before = Date.now();
    const run = start({
      command: "printf 'out1\\n'; sleep 0.3; printf 'err1\\n' >&2; sleep 0.3; printf 'out2\\n'",
    });
    const outcome = await run.proc.done;
    const after = Date.now();
    const chunks = run.batches.flat();
    expect(chunks.map(({ stream, text }) => [stream, text])).toEqual([
      ['stdout', 'out1\n'],
      ['stderr', 'err1\n'],
      ['stdout', 'out2\n'],
    ]);
    const times = chunks.map((chunk) => chunk.t);
    expect(times[0]).toBeGreaterThanOrEqual(before);
    expect(times[2]).toBeLessThanOrEqual(after);
    // Each chunk carries its own arrival time, not the time of a batch or of the end.
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(200);
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(200);
    expect(outcome).toEqual({
      exitCode: 0,
      signal: null,
      error: null,
      outputBytes: 15,
      tail: chunks,
    });
  });

  it('streams output live, before the process ends', async () => {
    const run = start({ command: "printf 'first'; sleep 30" });
    let ended = false;
    void run.proc.done.then(() => {
      ended = true;
    });
    await waitUntil(() => run.text() === 'first', 'the first output to arrive');
    expect(ended).toBe(false);
    run.proc.kill();
    await run.proc.done;
  });

  it('keeps a tail of at most outputTailBytes: the newest bytes, whole characters only', async () => {
    const ascii = await start(
      { command: 'i=0; while [ $i -lt 2000 ]; do printf "%05d\\n" $i; i=$((i+1)); done' },
      { tailBytes: 1024 },
    ).proc.done;
    const all = Array.from({ length: 2000 }, (_, i) => `${String(i).padStart(5, '0')}\n`).join('');
    const asciiTail = ascii.tail.map((chunk) => chunk.text).join('');
    expect(ascii.outputBytes).toBe(12_000);
    expect(asciiTail).toBe(all.slice(-1024));

    // 2 + 3 + 4 bytes a round: a cut at any byte would usually split a character.
    const wide = await start(
      { command: "i=0; while [ $i -lt 1000 ]; do printf 'é€😀'; i=$((i+1)); done" },
      { tailBytes: 1024 },
    ).proc.done;
    const wideTail = wide.tail.map((chunk) => chunk.text).join('');
    const bytes = Buffer.byteLength(wideTail);
    expect(wide.outputBytes).toBe(9_000);
    expect(bytes).toBeLessThanOrEqual(1024);
    expect(bytes).toBeGreaterThan(1024 - 4);
    expect('é€😀'.repeat(1000).endsWith(wideTail)).toBe(true);
    expect(wideTail).not.toContain('\uFFFD');
  });

  it('prints 200 MB with flat memory and an exact byte count', async () => {
    let delivered = 0;
    let chunkCount = 0;
    const usage = () => {
      const memory = process.memoryUsage();
      return memory.heapUsed + memory.arrayBuffers;
    };
    const baseline = usage();
    let peak = baseline;
    const run = start(
      { command: "head -c 200000000 /dev/zero | tr '\\0' a" },
      {
        onOutput: (chunks) => {
          for (const chunk of chunks) delivered += chunk.text.length;
          chunkCount += chunks.length;
          peak = Math.max(peak, usage());
        },
      },
    );
    const outcome = await run.proc.done;
    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputBytes).toBe(200_000_000);
    expect(delivered).toBe(200_000_000);
    expect(chunkCount).toBeGreaterThan(100);
    const tailBytes = outcome.tail.reduce((sum, chunk) => sum + chunk.text.length, 0);
    expect(tailBytes).toBe(262_144);
    const growthMb = (peak - baseline) / 1_048_576;
    console.log(`200 MB of output: peak heap+buffer growth ${growthMb.toFixed(1)} MB`);
    expect(growthMb).toBeLessThan(50);
  }, 60_000);

  it('survives binary output: every chunk is valid text, invalid bytes become U+FFFD', async () => {
    const outcome = await start({ command: 'head -c 100000 /dev/urandom' }).proc.done;
    expect(outcome.exitCode).toBe(0);
    expect(outcome.outputBytes).toBe(100_000);
    const text = outcome.tail.map((chunk) => chunk.text).join('');
    expect(text).toContain('\uFFFD');
    expect(outcome.tail.every((chunk) => wellFormed(chunk.text))).toBe(true);
    expect(JSON.parse(JSON.stringify(outcome.tail))).toEqual(outcome.tail);
  });

  it('keeps a character whole when it arrives split across two reads', async () => {
    const run = start({ command: "printf '\\303'; sleep 0.3; printf '\\251\\n'" });
    const outcome = await run.proc.done;
    expect(run.text()).toBe('é\n');
    expect(outcome.outputBytes).toBe(3);
  });

  it('passes NUL bytes through and marks invalid or truncated sequences', async () => {
    const nul = start({ command: "printf 'a\\000b'" });
    expect((await nul.proc.done).outputBytes).toBe(3);
    expect(nul.text()).toBe('a\u0000b');
    const invalid = start({ command: "printf 'a\\377b\\303'" });
    await invalid.proc.done;
    expect(invalid.text()).toBe('a\uFFFDb\uFFFD');
  });
});

describe('ChildProcessRunner: outcome', () => {
  it('reports exit codes and signals', async () => {
    expect(await start({ command: 'exit 3' }).proc.done).toMatchObject({
      exitCode: 3,
      signal: null,
      error: null,
    });
    expect(await start({ command: 'kill -TERM $$' }).proc.done).toMatchObject({
      exitCode: null,
      signal: 'SIGTERM',
      error: null,
    });
    expect(await start({ argv: ['sh', '-c', 'kill -KILL $$'] }).proc.done).toMatchObject({
      exitCode: null,
      signal: 'SIGKILL',
    });
  });

  it('gives a clear error for each command that cannot start, and kill() is harmless then', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'not a program');
    const cases: [Parameters<typeof start>[0], string][] = [
      [
        { command: 'true', cwd: join(dir, 'missing') },
        `Working folder ${dir}/missing does not exist`,
      ],
      [{ command: 'true', cwd: file }, `Working folder ${file} is not a folder`],
      [{ argv: ['taskdeck-no-such-program', 'x'] }, 'Program not found: taskdeck-no-such-program'],
      [{ argv: [join(dir, 'absent.sh')] }, `Program not found: ${dir}/absent.sh`],
      [{ argv: [file] }, `Program is not executable: ${file}`],
    ];
    for (const [action, message] of cases) {
      const run = start(action);
      expect(run.proc.pid).toBeNull();
      run.proc.kill();
      expect(await run.proc.done).toEqual({
        exitCode: null,
        signal: null,
        error: message,
        outputBytes: 0,
        tail: [],
      });
    }
    const noShell = new ChildProcessRunner({
      environment: hostEnvironment(),
      shell: join(dir, 'no-shell'),
    });
    expect((await start({ command: 'true' }, { runner: noShell }).proc.done).error).toBe(
      `Shell not found: ${dir}/no-shell`,
    );
  });

  it('starts each execution as its own process group, records its start token, stdin is /dev/null', async () => {
    const run = start({ command: 'readlink /proc/self/fd/0; cat; sleep 30' });
    await waitUntil(() => run.text() !== '', 'readlink output');
    const pid = run.proc.pid ?? -1;
    const info = procInfo(pid);
    expect(run.proc.pgid).toBe(pid);
    expect(info?.pgid).toBe(pid);
    expect(info?.sid).toBe(pid);
    expect(run.proc.startToken).toBe(info?.startTime);
    // `cat` returned at once: its stdin is /dev/null, not a pipe left open.
    expect(run.text()).toBe('/dev/null\n');
  });
});

describe('ChildProcessRunner: environment, folder and arguments', () => {
  it('starts from the given environment with the task env merged over it', async () => {
    const runner = new ChildProcessRunner({
      environment: { PATH: process.env.PATH ?? '/usr/bin:/bin', A: 'base a', B: 'base b' },
    });
    const run = start({ argv: ['env'], env: { B: 'task b', C: 'task c' } }, { runner });
    await run.proc.done;
    const env = Object.fromEntries(
      run
        .text()
        .trim()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(env).toEqual({
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      A: 'base a',
      B: 'task b',
      C: 'task c',
      // Every command knows its execution (scripts may log it).
      TASKDECK_EXECUTION_ID: 'test',
    });
  });

  it('runs `command` with $SHELL from the environment, or the shell given', async () => {
    const environment = { ...hostEnvironment(), SHELL: '/bin/bash' };
    const bash = start(
      { command: 'printf %s "$BASH_VERSION"' },
      {
        runner: new ChildProcessRunner({ environment }),
      },
    );
    await bash.proc.done;
    expect(bash.text()).not.toBe('');
    const dash = start(
      { command: 'printf %s "$BASH_VERSION"' },
      {
        runner: new ChildProcessRunner({ environment, shell: '/bin/dash' }),
      },
    );
    await dash.proc.done;
    expect(dash.text()).toBe('');
  });

  it('runs `command` with /bin/sh when the environment has no SHELL', async () => {
    const { SHELL: _shell, ...environment } = hostEnvironment();
    const run = start(
      { command: 'readlink /proc/$$/exe' },
      { runner: new ChildProcessRunner({ environment }) },
    );
    expect((await run.proc.done).exitCode).toBe(0);
    expect(run.text()).toBe(`${realpathSync('/bin/sh')}\n`);
  });

  it('runs in cwd; defaults to home; ~/ and relative folders are taken from home', async () => {
    mkdirSync(join(dir, 'sub'));
    const savedHome = process.env.HOME;
    process.env.HOME = dir;
    try {
      expect(homedir()).toBe(dir);
      const cases: [string | undefined, string][] = [
        [undefined, dir],
        ['~', dir],
        ['~/sub', join(dir, 'sub')],
        ['sub', join(dir, 'sub')],
        [join(dir, 'sub'), join(dir, 'sub')],
        ['/', '/'],
      ];
      for (const [cwd, expected] of cases) {
        const run = start(cwd === undefined ? { argv: ['pwd'] } : { argv: ['pwd'], cwd });
        await run.proc.done;
        expect(run.text()).toBe(`${expected}\n`);
      }
    } finally {
      process.env.HOME = savedHome;
    }
  });

  it('passes argv verbatim, without a shell', async () => {
    const args = ['a b', '"quoted"', "it's", '$HOME', '*', 'back\\slash', '', ';echo x', 'é€😀'];
    const run = start({
      argv: [
        process.execPath,
        '-e',
        'process.stdout.write(JSON.stringify(process.argv.slice(1)))',
        ...args,
      ],
    });
    expect((await run.proc.done).exitCode).toBe(0);
    expect(JSON.parse(run.text())).toEqual(args);
  });

  it('runs a script file given as argv[0] when it is executable', async () => {
    const script = join(dir, 'hello.sh');
    writeFileSync(script, '#!/bin/sh\necho "hello $1"\n');
    chmodSync(script, 0o755);
    const run = start({ argv: [script, 'world'] });
    expect((await run.proc.done).exitCode).toBe(0);
    expect(run.text()).toBe('hello world\n');
  });
});
