// One CloudWatch EMF log line in the layout Powertools Metrics prints ({"_aws": …} first), for
// tests of what the local stack reads from function logs.

/** An EMF line declaring each key of `values` as a Count metric of the consumer service. */
export function emfLine(values: Record<string, number | string>): string {
  return JSON.stringify({
    _aws: {
      Timestamp: 1,
      CloudWatchMetrics: [
        {
          Namespace: 'StreamLens',
          Dimensions: [['service']],
          Metrics: Object.keys(values).map((Name) => ({ Name, Unit: 'Count' })),
        },
      ],
    },
    service: 'consumer',
    ...values,
  });
}
