// The pipeline-health source of the local stack: figures read over HTTP, checked field by field.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpHealthSource, parseHealthFigures, PipelineHealthSourceError } from '../src/api/pipeline-health';
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
