// Names and fixed values of the alerts function.

/** Names of the EMF metrics (namespace StreamLens, service alerts). */
export const ALERTS_METRICS = {
  /** Alerts the bus accepted (a republish after a crash counts again). */
  published: 'AlertsPublished',
  /** Stored alerts whose figures a later decision changed (late rows). */
  refined: 'AlertsRefined',
  /** Alerts still not on the bus after every PutEvents retry: the PutEvents-failures alarm. */
  publishFailures: 'PutEventsFailedEntries',
  /** Entries PutEvents answered with an error and were sent again. */
  entryRetries: 'PutEventsEntryRetries',
  /** Windows seen but not yet decided (a shard still to close them). */
  windowsWaiting: 'WindowsWaiting',
  /** Windows decided after the settle time with a shard missing. */
  windowsIncomplete: 'WindowsDecidedIncomplete',
  /** now − window end when the bus accepted an alert. */
  latency: 'AlertLatencyMs',
  /** Stream records that are not window-row changes this function can read (skipped, logged). */
  malformedRecords: 'MalformedRecordsSkipped',
} as const;
