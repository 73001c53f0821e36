/**
 * Challenger benchmark: an opportunity with 1,000 pieces of evidence (issue 12: under 200 ms). Prints, in one
 * process: grouping 1,000 sources by identity (each source compared only with earlier groups sharing its numbers
 * and a name word) beside comparing each with every earlier group, as before; then the whole challenge run,
 * cold (sources never seen, so every identity is computed) and warm. Asserts nothing; the machine is shared, so the load average is printed.
 *
 *   node --import tsx bench/challenger.ts [--evidence 1000] [--runs 5]
 */
import { cpus, loadavg } from 'node:os';
import { runRules } from '../src/domain/challenger/index.ts';
import { sameSource, sourceGrouper, sourceIdentity } from '../src/domain/challenger/text.ts';
import { defaultDimensions } from '../src/domain/dimensions.ts';
import type { Opportunity } from '../src/schema/index.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const n = Math.max(1, Number(arg('evidence', '1000')));
const runs = Math.max(1, Number(arg('runs', '5')));
const NOW = new Date('2026-11-15T12:00:00Z');

// Sources as teams write them: numbered sites, named companies and people, repeats, dates in the text.
const towns = ['Bergen', 'Lyon', 'Porto', 'Gdansk', 'Ghent', 'Turku', 'Graz', 'Bilbao'];
const firms = ['Nordwind Logistics', 'Kessler Antriebe', 'Brandt Metallbau', 'Ostrava Plastics', 'Hale & Finch'];
const people = ['Dr Maria Santos', 'Jonas Weber', 'Aisha Khan', 'Tom Riley', 'Ines Duarte'];
const sourceOf = (i: number, run: number): string => {
  const k = i % 5;
  if (k === 0) return `Interview, clinic ${i + run * n}`;
  if (k === 1) return `${firms[i % firms.length]} depot ${i % 97} (${towns[i % towns.length]})`;
  if (k === 2) return `Call with ${people[i % people.length]}, 2026-0${1 + (i % 9)}-1${i % 10}`;
  if (k === 3) return `Store #${i + run * n} manager`;
  return `Survey wave ${(i % 40) + run * 100} of ${towns[i % towns.length]} members`;
};
const strengths = ['anecdote', 'interview', 'survey', 'experiment', 'paying'] as const;
const summaryOf = (i: number) =>
  [
    `Dispatchers re-key ${i % 30} orders a day by hand.`,
    `Paid the pilot invoice of EUR ${100 + (i % 50)} in week ${i % 52}.`,
    `Said they would pay if it saved an hour a day.`,
    `Clicked the booking button ${i % 17} times during the trial.`,
    `Waits ${i % 90} minutes at the dock on Mondays.`,
  ][i % 5]!;

function opportunity(run: number): Opportunity {
  return {
    format: 'vetted.opportunity/v2',
    idea: { title: 'Dock booking for carriers', stage: 'validation' },
    frame: { who: 'Dispatchers at regional carriers with 10-50 trucks', gap: 'Trucks wait 95 minutes at the dock.' },
    evidence: Array.from({ length: n }, (_, i) => ({
      ref: `e${i}`,
      kind: 'interview-note' as const,
      summary: summaryOf(i),
      source: sourceOf(i, run),
      observedOn: `2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')}`,
      strength: strengths[i % strengths.length]!,
      dimensions: [['problem-significance', 'certainty-of-demand', 'feasibility'][i % 3]!],
    })),
    assessments: [
      {
        assessor: 'Priya Nair',
        scores: {
          'problem-significance': { score: 4, confidence: 'high', evidence: ['e0', 'e3'] },
          'certainty-of-demand': { score: 4, confidence: 'medium', evidence: ['e1', 'e4'] },
          feasibility: { score: 3, confidence: 'medium' },
        },
      },
    ],
  };
}

const ms = (t: number) => `${t.toFixed(1).padStart(8)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (fn: () => void) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

console.log(`\n## Challenger (${n} pieces of evidence; node ${process.version}, ${cpus().length} cores)`);
console.log(
  `load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

// Warm the tagger up (it loads its lexicon on first use), so no figure below pays for that.
runRules(opportunity(0), { dimensions: defaultDimensions(), now: NOW });

// Grouping tagged sources: the grouper against comparing each source with every earlier group.
const grouped: number[] = [];
const pairwise: number[] = [];
let groups = 0;
for (let r = 0; r < runs; r++) {
  const tagged = Array.from({ length: n }, (_, i) => sourceOf(i, 10 + 2 * r));
  for (const t of tagged) sourceIdentity(t); // each identity computed once, as in a challenge run
  grouped.push(
    time(() => {
      const group = sourceGrouper();
      groups = new Set(tagged.map(group)).size;
    }),
  );
  pairwise.push(
    time(() => {
      const seen: string[] = [];
      for (const s of tagged) if (!seen.some((g) => sameSource(g, s))) seen.push(s);
    }),
  );
}
console.log(`grouping ${n} sources, grouper              ${ms(median(grouped))}   (${groups} distinct sources)`);
console.log(
  `grouping ${n} sources, pairwise             ${ms(median(pairwise))}   (x${(median(pairwise) / median(grouped)).toFixed(1)} the grouper)`,
);

const dimensions = defaultDimensions();
const cold: number[] = [];
const warm: number[] = [];
let findings = 0;
for (let r = 0; r < runs; r++) {
  const o = opportunity(1000 + r);
  cold.push(time(() => void runRules(o, { dimensions, now: NOW })));
  warm.push(
    time(() => {
      findings = runRules(o, { dimensions, now: NOW }).length;
    }),
  );
}
console.log(`whole challenge run, cold (new texts)       ${ms(median(cold))}   target < 200 ms`);
console.log(`whole challenge run, warm (same texts)      ${ms(median(warm))}   (${findings} findings)`);
console.log(`load average after: ${loadavg()[0]!.toFixed(2)}`);
