/** The pure scoring engine: no I/O, no clock. Time comes in as an argument (epoch milliseconds). */
export * from './catalogue.ts';
export * from './types.ts';
export { compileDefinition, type CompiledVersion } from './compile.ts';
export { applyOp, matchesContactCondition, matchesEventConditions, isDndAll } from './conditions.ts';
export { describeRule } from './describe.ts';
export { evaluateHistory, evaluateState, type HistoryInput } from './evaluate.ts';
export {
  applyAdjustment,
  applyEvent,
  buildState,
  decodeState,
  emptyState,
  encodeState,
  type ScoreState,
} from './state.ts';
export { DEFAULT_TIERS, clamp, tierIndexFor, tierScoreRange } from './tiers.ts';
export { DAY_MS } from './time.ts';
