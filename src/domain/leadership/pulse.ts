import {
  MIN_PULSE_ANSWERS,
  PULSE_STATEMENTS,
  type PulseStatement,
  RATING_MAX,
  RATING_MIN,
} from '../../methodology/index.ts';
import { ok, type Result, refuse } from '../result.ts';
import { round2 } from './ratings.ts';
import { change, type TrendChange } from './trend.ts';

/**
 * The psychological-safety pulse: anonymous answers (no respondent id ever reaches this code), shown only
 * with at least `MIN_PULSE_ANSWERS` answers, for the pulse as a whole and for each statement. Reversed
 * statements are flipped so that a higher safety score is always safer.
 */

/** One person's anonymous answers: statement id → 1..5 agreement. */
export interface PulseResponse {
  answers: Readonly<Record<string, number>>;
}

export type StatementView =
  | { id: string; text: string; shown: true; answers: number; mean: number; safety: number }
  | { id: string; text: string; shown: false; message: string };

export type PulseView =
  | { shown: true; answers: number; index: number | null; statements: StatementView[] }
  | { shown: false; message: string };

export const pulseWithheldMessage = `Withheld: a pulse is shown only with at least ${MIN_PULSE_ANSWERS} answers.`;
const statementWithheld = `Withheld: fewer than ${MIN_PULSE_ANSWERS} people answered this statement.`;

export function aggregatePulse(
  responses: readonly PulseResponse[],
  statements: readonly PulseStatement[] = PULSE_STATEMENTS,
): Result<PulseView> {
  for (const r of responses) {
    for (const [id, v] of Object.entries(r.answers)) {
      if (!statements.some((s) => s.id === id)) return refuse(`Unknown pulse statement "${id}".`);
      if (!Number.isInteger(v) || v < RATING_MIN || v > RATING_MAX) {
        return refuse(`A pulse answer is a whole number from ${RATING_MIN} to ${RATING_MAX}.`);
      }
    }
  }
  const answered = responses.filter((r) => Object.keys(r.answers).length > 0);
  if (answered.length < MIN_PULSE_ANSWERS) return ok({ shown: false, message: pulseWithheldMessage });
  const views = statements.map((s): StatementView => {
    const values = answered.flatMap((r) => (r.answers[s.id] === undefined ? [] : [r.answers[s.id]!]));
    if (values.length < MIN_PULSE_ANSWERS) return { id: s.id, text: s.text, shown: false, message: statementWithheld };
    const mean = round2(values.reduce((a, b) => a + b, 0) / values.length);
    return {
      id: s.id,
      text: s.text,
      shown: true,
      answers: values.length,
      mean,
      safety: s.reversed ? round2(RATING_MIN + RATING_MAX - mean) : mean,
    };
  });
  const safeties = views.flatMap((v) => (v.shown ? [v.safety] : []));
  const index = safeties.length > 0 ? round2(safeties.reduce((a, b) => a + b, 0) / safeties.length) : null;
  return ok({ shown: true, answers: answered.length, index, statements: views });
}

export interface PulseRound {
  roundId: string;
  /** YYYY-MM-DD; rounds are put in this order. */
  on: string;
  responses: readonly PulseResponse[];
}

export interface PulseTrend {
  points: { roundId: string; on: string; index: number | null }[];
  change: TrendChange | null;
}

/** The safety index over rounds; a withheld round is a gap in the line, never a figure. */
export function pulseTrend(
  rounds: readonly PulseRound[],
  statements: readonly PulseStatement[] = PULSE_STATEMENTS,
): Result<PulseTrend> {
  const ordered = [...rounds].sort((a, b) => a.on.localeCompare(b.on) || a.roundId.localeCompare(b.roundId));
  const points: PulseTrend['points'] = [];
  for (const r of ordered) {
    const view = aggregatePulse(r.responses, statements);
    if (!view.ok) return view;
    points.push({ roundId: r.roundId, on: r.on, index: view.value.shown ? view.value.index : null });
  }
  return ok({ points, change: change(points.map((p) => p.index)) });
}
