import { EventEmitter } from 'node:events';
import { exitCodeOf, ShutdownSignals } from '../../src/cli/shutdown-signals';

function settled<T>(p: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([p, new Promise<'pending'>((r) => setImmediate(() => r('pending')))]);
}

describe('ShutdownSignals', () => {
  it('takes the first signal as a drain request and a later one as a stop at once', async () => {
    // prepare
    const source = new EventEmitter();
    let now = 1000;
    const signals = new ShutdownSignals(source, { now: () => now });
    // act + assess
    expect(signals.received).toBe(false);
    source.emit('SIGHUP', 'SIGHUP');
    expect(await settled(signals.first)).toBe('SIGHUP');
    expect(await settled(signals.second)).toBe('pending');
    now += 1500;
    source.emit('SIGINT', 'SIGINT');
    expect(await settled(signals.second)).toBe('SIGINT');
    expect(signals.received).toBe(true);
  });

  it('treats a repeat within the same-request window as the echo of the first (npm forwards its copy)', async () => {
    const source = new EventEmitter();
    let now = 0;
    const signals = new ShutdownSignals(source, { now: () => now, sameRequestMs: 1000 });
    source.emit('SIGINT', 'SIGINT');
    now = 999;
    source.emit('SIGINT', 'SIGINT');
    expect(await settled(signals.second)).toBe('pending');
    now = 1000;
    source.emit('SIGTERM', 'SIGTERM');
    expect(await settled(signals.second)).toBe('SIGTERM');
  });

  it('stops listening when disposed', () => {
    const source = new EventEmitter();
    const signals = new ShutdownSignals(source);
    expect(source.listenerCount('SIGINT')).toBe(1);
    signals.dispose();
    expect(['SIGINT', 'SIGTERM', 'SIGHUP'].map((s) => source.listenerCount(s))).toEqual([0, 0, 0]);
  });

  it('gives the shell convention 128 + signal number as exit code', () => {
    expect([exitCodeOf('SIGHUP'), exitCodeOf('SIGINT'), exitCodeOf('SIGTERM')]).toEqual([129, 130, 143]);
  });
});
