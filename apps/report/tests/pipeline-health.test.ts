// The pipeline-health source of the local stack: figures read over HTTP, checked field by field.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpHealthSource, parseHealthFigures, PipelineHealthSourceError } from '../src/api/pipeline-health';
import { functionEnvironment, parseStackConfig, pipelineHealthSettings } from '@streamlens/config';
import { readReportConfig } from '../src/config';

const FIGURES = {
  measuredAt: '2025-01-15T12:00:09.000Z',
  countedSince: '2025-01-15T11:00:00.000Z',
  functions: [{ name: 'consumer', lagMs: 900 }],
  quarantine: { total: 2, byReason: { 'not-json': 2 } },
  onFailure: { consumer: 0 },
};

function serve(status: number, body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_, res) => res.writeHead(status, { 'content-type': 'application/json' }).end(body));
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () =>
      r({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server }),
    ),
  );
}

describe('parseHealthFigures', () => {
  it('keeps valid figures and names the first bad field otherwise', () => {
    expect(parseHealthFigures(FIGURES)).toEqual(FIGURES);
    expect(() => parseHealthFigures({ ...FIGURES, functions: [{ name: 'c', lagMs: -1 }] })).toThrow(
      new PipelineHealthSourceError('pipeline-health source: bad or missing functions[0]'),
    );
    expect(() => parseHealthFigures({ ...FIGURES, quarantine: { total: 1.5, byReason: {} } })).toThrow(/quarantine/);
    expect(() => parseHealthFigures({ ...FIGURES, measuredAt: 'soon' })).toThrow(/measuredAt/);
    expect(() => parseHealthFigures(null)).toThrow(/document/);
  });
});

describe('httpHealthSource', () => {
  it('reads the figures the local stack serves, and says when it answers an error', async () => {
    const ok = await serve(200, JSON.stringify(FIGURES));
    const down = await serve(500, '{}');
    try {
      expect(await httpHealthSource(ok.url).read()).toEqual(FIGURES);
      await expect(httpHealthSource(down.url).read()).rejects.toThrow('pipeline-health source answered HTTP 500');
    } finally {
      ok.server.close();
      down.server.close();
    }
  });
});

describe('PIPELINE_HEALTH_URL', () => {
  const base = { TRENDS_TABLE: 't', POSTS_TABLE: 'p', TTL_DAYS: '30', WINDOW_SECONDS: '30', REPORT_AUTH: 'iam' };
  it('is optional and must be an http(s) URL', () => {
    expect(readReportConfig(base).pipelineHealthUrl).toBeUndefined();
    expect(readReportConfig({ ...base, PIPELINE_HEALTH_URL: 'http://127.0.0.1:9/h' }).pipelineHealthUrl).toBe(
      'http://127.0.0.1:9/h',
    );
    expect(() => readReportConfig({ ...base, PIPELINE_HEALTH_URL: 'file:///etc/passwd' })).toThrow(
      /PIPELINE_HEALTH_URL must be an http\(s\) URL/,
    );
  });
});

describe('PIPELINE_HEALTH_CLOUDWATCH', () => {
  const config = parseStackConfig({});
  const names = {
    functions: { consumer: 'fn-consumer', aggregator: 'fn-aggregator', alerts: 'fn-alerts' },
    failureQueues: { consumer: 'q-consumer' },
    failureMappings: { aggregator: 'uuid-aggregator' },
  };
  const deployed = (pipelineHealth?: string) =>
    functionEnvironment(config, 'report', {
      postsTable: 'p',
      trendsTable: 't',
      quarantineTable: 'q',
      streamName: 's',
      alertsTable: 'a',
      ...(pipelineHealth === undefined ? {} : { pipelineHealth }),
    });

  it('reads what the environment builder writes for a deployed stack, with the consumer as the metrics source', () => {
    const env = deployed(JSON.stringify(pipelineHealthSettings(names)));
    expect(readReportConfig(env).cloudWatchHealth).toEqual({
      ...names,
      quarantineMetrics: { namespace: 'StreamLens', service: 'consumer' },
    });
    // The namespace and service are the consumer's own Powertools settings.
    const consumer = functionEnvironment(config, 'consumer', {
      postsTable: 'p',
      trendsTable: 't',
      quarantineTable: 'q',
      streamName: 's',
      alertsTable: 'a',
    });
    expect(readReportConfig(env).cloudWatchHealth?.quarantineMetrics).toEqual({
      namespace: consumer['POWERTOOLS_METRICS_NAMESPACE'],
      service: consumer['POWERTOOLS_SERVICE_NAME'],
    });
    expect(readReportConfig(deployed()).cloudWatchHealth).toBeUndefined();
  });

  it('names the variable and what is wrong with it, and refuses two sources', () => {
    const env = deployed(JSON.stringify(pipelineHealthSettings(names)));
    expect(() => readReportConfig({ ...env, PIPELINE_HEALTH_CLOUDWATCH: '{"functions":' })).toThrow(
      /PIPELINE_HEALTH_CLOUDWATCH is not JSON/,
    );
    const bad = { ...pipelineHealthSettings(names), failureQueues: { consumer: ' ' }, quarantineMetrics: {} };
    expect(() => readReportConfig({ ...env, PIPELINE_HEALTH_CLOUDWATCH: JSON.stringify(bad) })).toThrow(
      /PIPELINE_HEALTH_CLOUDWATCH "failureQueues.consumer" must be a non-empty string[\s\S]*"quarantineMetrics.namespace"/,
    );
    const none = { ...pipelineHealthSettings(names), functions: {} };
    expect(() => readReportConfig({ ...env, PIPELINE_HEALTH_CLOUDWATCH: JSON.stringify(none) })).toThrow(
      /PIPELINE_HEALTH_CLOUDWATCH names no function/,
    );
    expect(() => readReportConfig({ ...env, PIPELINE_HEALTH_URL: 'http://127.0.0.1:9/h' })).toThrow(
      /PIPELINE_HEALTH_URL is set together with PIPELINE_HEALTH_CLOUDWATCH/,
    );
  });
});
