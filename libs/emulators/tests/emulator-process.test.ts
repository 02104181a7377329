// Emulators in child processes: persistence across a graceful restart on the same port, a crash
// (SIGKILL), port conflicts, and no orphan when the parent goes away.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { TABLE_SPECS } from '@streamlens/tables';
import {
  EmulatorPortError,
  ensureStream,
  ensureTable,
  makeDynamoClient,
  makeKinesisClient,
  spawnEmulator,
} from '../src';

// The first `pid=N` line the parent prints (anything else on stdout is skipped and kept for the
// error), or a rejection naming what was printed instead.
function pidLine(stdout: NodeJS.ReadableStream | null, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`no "pid=N" line within ${timeoutMs} ms; stdout: ${JSON.stringify(text.slice(-500))}`)),
      timeoutMs,
    );
    stdout?.on('data', (d: Buffer) => {
      text += d.toString();
      const match = /^pid=(\d+)$/m.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    stdout?.once('end', () => {
      clearTimeout(timer);
      reject(new Error(`parent exited without a "pid=N" line; stdout: ${JSON.stringify(text.slice(-500))}`));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('spawnEmulator', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'streamlens-emu-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps dynalite items across a graceful restart on the same port and data dir', async () => {
    // prepare
    const first = await spawnEmulator('dynalite', { dataDir: join(dir, 'dynamo') });
    const c1 = makeDynamoClient(first.endpoint);
    try {
      await ensureTable(c1, 'posts', TABLE_SPECS.posts);
      await c1.send(
        new PutItemCommand({ TableName: 'posts', Item: { pk: { S: 'a' }, sk: { S: 'b' }, v: { N: '1' } } }),
      );
    } finally {
      c1.destroy();
    }
    // act
    await first.close();
    const second = await spawnEmulator('dynalite', { dataDir: join(dir, 'dynamo'), port: first.port });
    const c2 = makeDynamoClient(second.endpoint);
    try {
      // assess
      expect(await first.exited).toBe(0);
      expect(second.endpoint).toBe(first.endpoint);
      const got = await c2.send(new GetItemCommand({ TableName: 'posts', Key: { pk: { S: 'a' }, sk: { S: 'b' } } }));
      expect(got.Item?.['v']).toEqual({ N: '1' });
    } finally {
      c2.destroy();
      await second.close();
    }
  }, 30_000);

  it('survives a SIGKILL of kinesalite: the stream and its records are there after restart', async () => {
    const first = await spawnEmulator('kinesalite', { dataDir: join(dir, 'kinesis') });
    const c1 = makeKinesisClient(first.endpoint);
    await ensureStream(c1, 's', 1);
    const put = await c1.send(new PutRecordCommand({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from('x') }));
    c1.destroy();
    await first.kill();
    expect(await first.exited).toBeNull();
    const second = await spawnEmulator('kinesalite', { dataDir: join(dir, 'kinesis'), port: first.port });
    const c2 = makeKinesisClient(second.endpoint);
    try {
      const again = await c2.send(new PutRecordCommand({ StreamName: 's', PartitionKey: 'k', Data: Buffer.from('y') }));
      expect(BigInt(again.SequenceNumber as string) > BigInt(put.SequenceNumber as string)).toBe(true);
    } finally {
      c2.destroy();
      await second.close();
    }
  }, 30_000);

  it('names the port when it is taken', async () => {
    const first = await spawnEmulator('dynalite');
    try {
      await expect(spawnEmulator('dynalite', { port: first.port })).rejects.toThrow(EmulatorPortError);
      await expect(spawnEmulator('dynalite', { port: first.port })).rejects.toThrow(`127.0.0.1:${first.port}`);
    } finally {
      await first.close();
    }
  }, 30_000);

  it('exits on its own when the parent process dies', async () => {
    // prepare: a parent (TypeScript through tsx) that spawns dynalite, prints its pid, then is SIGKILLed
    const source = join(__dirname, '../src/emulator-process.ts');
    const parent = spawn(
      process.execPath,
      [
        '--require',
        'tsx/cjs',
        '-e',
        `require(${JSON.stringify(source)}).spawnEmulator('dynalite').then((e) => console.log('pid=' + e.pid))`,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
        // emulator-process.ts imports @streamlens/* aliases: tsx resolves them from the base tsconfig.
        env: { ...process.env, TSX_TSCONFIG_PATH: join(__dirname, '../../../tsconfig.base.json') },
      },
    );
    let pid = Number.NaN;
    try {
      pid = await pidLine(parent.stdout, 20_000);
      expect(alive(pid)).toBe(true);
      // act
      parent.kill('SIGKILL');
      await new Promise((r) => parent.once('exit', r));
      // assess: the IPC channel closes with the parent, and the child's disconnect handler ends it
      const deadline = Date.now() + 5000;
      while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(alive(pid)).toBe(false);
    } finally {
      // A failed assertion must not leave either process behind: an open child keeps jest from
      // exiting, and CI would wait for it until its time limit.
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
      if (Number.isInteger(pid) && alive(pid)) process.kill(pid, 'SIGKILL');
    }
  }, 30_000);
});
