// Unit: the local plan's environment — the deployed one, with local names, the documented
// report-auth difference, and only the emulator variables added at start.
import { EnvironmentReader, loadStackConfig, readReportVariables } from '@streamlens/config';
import { resolve } from 'node:path';
import { sandboxEnvironment } from '../../src/pipeline/local-functions';
import { emulatorEnvironment, LOCAL_FUNCTIONS, planLocalStack } from '../../src/pipeline/local-plan';

const REPO_ROOT = resolve(__dirname, '../../../..');
const ENDPOINTS = { kinesis: 'http://127.0.0.1:4001', dynamodb: 'http://127.0.0.1:4002' };

describe('planLocalStack', () => {
  it('gives the report the range limit AWS gives it: the tables TTL, no second variable', () => {
    // prepare
    const config = loadStackConfig('dev', REPO_ROOT);
    // act
    const env = new EnvironmentReader(planLocalStack(config, { stack: 'dev' }).functions.report.environment);
    const report = readReportVariables(env);
    env.done();
    // assess
    expect(report.ttlDays).toBe(config.tables.ttlDays);
    expect(planLocalStack(config, { stack: 'dev' }).functions.report.environment).not.toHaveProperty('RETENTION_DAYS');
  });

  it('serves a jwt-protected report without sign-in locally (no identity provider on a laptop)', () => {
    // act
    const env = planLocalStack(loadStackConfig('prod', REPO_ROOT), { stack: 'prod' }).functions.report.environment;
    // assess
    expect(env['REPORT_AUTH']).toBe('iam');
    expect(Object.keys(env).filter((k) => k.startsWith('OIDC_'))).toEqual([]);
  });

  it('adds only the emulator endpoints, region and credentials at start, overriding nothing planned', () => {
    // prepare
    const plan = planLocalStack(loadStackConfig('dev', REPO_ROOT), { stack: 'dev' });
    expect(plan.functions.alerts).toBeDefined();
    for (const role of LOCAL_FUNCTIONS) {
      const fn = plan.functions[role];
      if (!fn) throw new Error(`the dev plan has no ${role} function`);
      // act
      const env = sandboxEnvironment(fn, ENDPOINTS);
      // assess
      const added = Object.keys(env).filter((k) => !(k in fn.environment));
      expect(added.sort()).toEqual(Object.keys(emulatorEnvironment(ENDPOINTS)).sort());
      for (const [key, value] of Object.entries(fn.environment)) expect(env[key]).toBe(value);
    }
  });
});
