// The report's CloudWatch pipeline-health variable: written only for a deployed report (the
// local stack serves the figures itself), read back as written, its mistakes named.
import {
  EnvironmentReader,
  functionEnvironment,
  parseStackConfig,
  pipelineHealthSettings,
  readPipelineHealthSettings,
} from '../src';

const NAMES = {
  postsTable: 'posts-t',
  trendsTable: 'trends-t',
  quarantineTable: 'quarantine-t',
  alertsTable: 'alerts-t',
  streamName: 'posts-s',
};
const HEALTH = {
  functions: { consumer: 'fn-c', aggregator: 'fn-a' },
  failureQueues: { consumer: 'q-c' },
  failureMappings: { aggregator: 'uuid-a' },
};

function read(env: Record<string, string>) {
  const reader = new EnvironmentReader(env);
  const settings = readPipelineHealthSettings(reader);
  reader.done();
  return settings;
}

describe('the report pipeline-health variable', () => {
  const config = parseStackConfig({});

  it('is written for the report only, when the deployment names what CloudWatch measures', () => {
    const json = JSON.stringify(pipelineHealthSettings(HEALTH));
    const report = functionEnvironment(config, 'report', { ...NAMES, pipelineHealth: json });
    expect(report['PIPELINE_HEALTH_CLOUDWATCH']).toBe(json);
    expect(functionEnvironment(config, 'report', NAMES)['PIPELINE_HEALTH_CLOUDWATCH']).toBeUndefined();
    expect(
      functionEnvironment(config, 'consumer', { ...NAMES, pipelineHealth: json })['PIPELINE_HEALTH_CLOUDWATCH'],
    ).toBeUndefined();
  });

  it("reads back what was written, the consumer's own namespace and service as the metrics source", () => {
    const consumer = functionEnvironment(config, 'consumer', NAMES);
    const settings = read({ PIPELINE_HEALTH_CLOUDWATCH: JSON.stringify(pipelineHealthSettings(HEALTH)) });
    expect(settings).toEqual({
      ...HEALTH,
      quarantineMetrics: {
        namespace: consumer['POWERTOOLS_METRICS_NAMESPACE'],
        service: consumer['POWERTOOLS_SERVICE_NAME'],
      },
    });
    expect(read({})).toBeUndefined();
  });

  it.each([
    ['[1]', 'PIPELINE_HEALTH_CLOUDWATCH must be a JSON object'],
    ['{"functions": 3', 'PIPELINE_HEALTH_CLOUDWATCH is not JSON'],
    [
      JSON.stringify({ ...pipelineHealthSettings(HEALTH), functions: { consumer: 7 } }),
      'PIPELINE_HEALTH_CLOUDWATCH "functions.consumer" must be a non-empty string',
    ],
    [
      JSON.stringify({ ...HEALTH, quarantineMetrics: { namespace: 'StreamLens' } }),
      'PIPELINE_HEALTH_CLOUDWATCH "quarantineMetrics.service" must be a non-empty string',
    ],
    [JSON.stringify({ ...pipelineHealthSettings(HEALTH), failureQueues: [] }), '"failureQueues" as an object'],
  ])('names the variable and the field: %s', (raw, message) => {
    expect(() => read({ PIPELINE_HEALTH_CLOUDWATCH: raw })).toThrow(message);
  });
});
