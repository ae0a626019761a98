/** The pure scoring engine: no I/O, no clock. Time comes in as an argument (epoch milliseconds). */
export * from './catalogue.ts';
export { type CompiledVersion, compileDefinition } from './compile.ts';
export { applyOp, isDndAll, matchesContactCondition, matchesEventConditions } from './conditions.ts';
export { describeRule } from './describe.ts';
export { evaluateHistory, evaluateState, type HistoryInput } from './evaluate.ts';
export {
  applyAdjustment,
  applyEvent,
  copyState,
  foldEvent,
  buildState,
  decodeState,
  emptyState,
  encodeState,
  type ScoreState,
} from './state.ts';
export { clamp, DEFAULT_TIERS, tierIndexFor, tierNameFor, tierScoreRange } from './tiers.ts';
export { DAY_MS } from './time.ts';
export * from './types.ts';
