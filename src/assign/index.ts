// Public API of src/assign/; the package entries (src/index.ts and siblings) pick from it.
export {
  type ArmCount,
  type AssignmentExclusion,
  type AssignmentResult,
  type AssignOptions,
  assignArms,
  type ExclusionCount,
} from './assign.js';
export {
  type AuditOptions,
  type AuditResult,
  auditAssignment,
  type StatedWeights,
  type WeightsAuditResult,
} from './audit.js';
export {
  type BalanceArmStat,
  type BalanceCounts,
  type BalanceOptions,
  type BalanceResult,
  type BalanceRow,
  balanceFromCounts,
  balanceTable,
  type CovariateTest,
  type LevelCounts,
  type OmnibusTest,
} from './balance.js';
export {
  type BsnOptions,
  createPseudonymiser,
  invalidBsnRows,
  isValidBsn,
  normaliseBsn,
  pseudonymise,
  pseudonymiseAll,
} from './bsn.js';
export {
  type ConformanceOptions,
  type ConformanceResult,
  checkConformance,
  type Mismatch,
} from './conformance.js';
export { createHashedAssigner, parityArm } from './derive.js';
export { createHashUniform, hashUniform } from './hash.js';
export {
  type AssignmentRule,
  type BlockedRule,
  type CompleteRule,
  describeRule,
  type HashedRule,
  intendedWeights,
  type ParityRule,
} from './rules.js';
export { hmacSha256, sha256, toHex } from './sha256.js';
export { type SampleRatioArm, type SampleRatioResult, sampleRatioTest } from './srm.js';
export { type ArmWeights, checkWeights, largestRemainder, type WeightSpec } from './weights.js';
