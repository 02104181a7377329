export { FaultRuleError, TestingToolError } from './errors';
export { injectFaults } from './fault-injection';
export type { FaultCounts, FaultInjectableClient, FaultInjector, InjectFaultsOptions } from './fault-injection';
export { FAULT_KINDS } from './fault-rules';
export type {
  ErrorFaultRule,
  FailedRecordsFaultRule,
  FaultKind,
  FaultRule,
  TimeoutFaultRule,
  UnprocessedItemsFaultRule,
} from './fault-rules';
export { createRng } from './prng';
export type { Rng } from './prng';
export { INJECTABLE_ERRORS } from './sdk-exceptions';
export type { InjectableErrorName } from './sdk-exceptions';
export { SAMPLE_HASHTAGS, makeEnrichedPost, makeSocialPost, socialPostStream, take } from './social-posts';
export type { EnrichedPostOptions, SocialPostStreamOptions } from './social-posts';
export { PROXY_ERRORS } from './fault-proxy/aws-json';
export type { ProxyErrorName, ProxyService } from './fault-proxy/aws-json';
export { FaultProxyOptionError } from './fault-proxy/errors';
export { startFaultProxy } from './fault-proxy/fault-proxy';
export type { FaultProxy } from './fault-proxy/fault-proxy';
export type { FaultProxyCounts, FaultProxyInjection } from './fault-proxy/proxy-counters';
export type {
  FaultProxyOptions,
  ProxyDelayRule,
  ProxyErrorRule,
  ProxyFailedRecordsRule,
  ProxyFaultKind,
  ProxyFaultRule,
  ProxyTimeoutRule,
  ProxyUnprocessedItemsRule,
} from './fault-proxy/proxy-rules';
export { makeWindowRow } from './window-rows';
export type { WindowRowOptions } from './window-rows';
