// Public API of @streamlens/alert-rules: trend-alert decisions on merged windows (pure).
export { decideWindow, decisionRange, toAlertDetail } from './decide';
export type { AlertDecision, DecideWindowInput, WindowDecision } from './decide';
export { InvalidAlertInputError } from './errors';
export { windowReadiness } from './readiness';
export type { Readiness, ReadinessInput } from './readiness';
export { newEntrantHits, risingHits, sentimentSwingHits } from './rules';
export type { RuleHit } from './rules';
export { sliceWindows } from './window-slices';
export type { WindowSlice } from './window-slices';
