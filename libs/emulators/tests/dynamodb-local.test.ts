// DynamoDB Local under its supervisor: what it says without Java, a taken port, and a crash
// (kill) that takes the JVM down too.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { EmulatorPortError, JavaMissingError, findJava, makeDynamoClient, spawnDynamoDbLocal } from '../src';

/** The process group of a process (/proc/<pid>/stat, field 5). */
function processGroupOf(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[2]);
}

function canBind(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

describe('spawnDynamoDbLocal', () => {
  it('says what to install when there is no Java runtime', async () => {
    // prepare
    const saved = { PATH: process.env['PATH'], JAVA_HOME: process.env['JAVA_HOME'] };
    process.env['PATH'] = '/nonexistent';
    delete process.env['JAVA_HOME'];
    try {
      // act
      const started = spawnDynamoDbLocal();

      // assess
      await expect(started).rejects.toBeInstanceOf(JavaMissingError);
      await expect(started).rejects.toThrow(/apt-get install default-jre-headless/);
      expect(findJava({ PATH: '/nonexistent' })).toBeUndefined();
    } finally {
      process.env['PATH'] = saved.PATH;
      if (saved.JAVA_HOME !== undefined) process.env['JAVA_HOME'] = saved.JAVA_HOME;
    }
  });

  it('answers the DynamoDB API, refuses a taken port, and leaves no JVM behind after a kill', async () => {
    if (!findJava()) throw new Error('Java is not installed (install default-jre-headless; .ci/run does this in CI)');
    // prepare
    const local = await spawnDynamoDbLocal();
    const client = makeDynamoClient(local.endpoint);
    try {
      // act
      const tables = await client.send(new ListTablesCommand({}));
      const clash = spawnDynamoDbLocal({ port: local.port });

      // assess
      expect(tables.TableNames).toEqual([]);
      // Its own process group: a terminal's Ctrl-C to the stack's group does not reach it.
      expect(processGroupOf(local.pid)).toBe(local.pid);
      await expect(clash).rejects.toBeInstanceOf(EmulatorPortError);
    } finally {
      client.destroy();
      await local.kill();
    }
    // The JVM held the port: once it is gone the port can be bound again.
    expect(await local.exited).toBeNull();
    const deadline = Date.now() + 10_000;
    while (!(await canBind(local.port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await canBind(local.port)).toBe(true);
  }, 60_000);
});
