import { ACTIVE_STAGES } from '../../../methodology/index.ts';
import { listWords, quote, type Rule, refs } from '../facts.ts';

export const strategyRules: Rule[] = [
  {
    id: 'serves-no-objective.unlinked',
    check(f) {
      const { workspace, served } = f.objectives;
      // Only where there is a strategy to serve, and only for ideas still in the pipeline.
      if (workspace.length === 0 || served.length > 0) return [];
      if (!(ACTIVE_STAGES as readonly string[]).includes(f.stage)) return [];
      const northStar = f.opp.strategy?.northStar;
      return [
        {
          subject: 'idea.objectives',
          // In Discovery the link may simply not be made yet; past the first gate it should be.
          severity: f.stage === 'discovery' ? 'low' : 'medium',
          vars: {
            count: workspace.length,
            objectives: listWords(
              workspace.map((t) => `"${quote(t, 60)}"`),
              3,
            ),
            northStar: northStar ? ` under the North Star "${quote(northStar, 60)}"` : '',
          },
          references: [refs.idea('objectives')],
          data: { objectives: workspace.length },
        },
      ];
    },
  },
];
