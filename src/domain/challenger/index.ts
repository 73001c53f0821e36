/** The challenger: a rule engine that says "prove it". Pure: pass `now` and the workspace's dimensions in. */
export { dismisses, filterDismissed, validateDismissal } from './dismissals.ts';
export {
  asOfMoment,
  type ChallengeContext,
  challenge,
  challengeReport,
  fill,
  groupFindings,
  listRules,
  RULES,
  runRules,
  silentAssumptionDrafts,
} from './engine.ts';
export type { Facts, Hit, Rule } from './facts.ts';
