// Cold-start reference: a handler that only builds Powertools' Logger and Metrics, as every function does.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

const logger = new Logger({ serviceName: 'coldstart' });
const metrics = new Metrics({ namespace: 'coldstart', serviceName: 'coldstart' });

/** Answers whether both are usable, so both are kept. */
export async function handler(): Promise<boolean> {
  return typeof logger.info === 'function' && typeof metrics.addMetric === 'function';
}
