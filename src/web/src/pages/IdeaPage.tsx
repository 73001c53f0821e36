import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'wouter';
import { outcomesFrom } from '../../../domain/stages.ts';
import { ApiError, api, describeError } from '../api.ts';
import { AssessmentSection } from '../components/AssessmentSection.tsx';
import { ChallengerSection } from '../components/ChallengerSection.tsx';
import { CompetitorsSection } from '../components/CompetitorsSection.tsx';
import { CriteriaSection } from '../components/CriteriaSection.tsx';
import { DecisionDialog } from '../components/DecisionDialog.tsx';
import { DecisionList } from '../components/Decisions.tsx';
import { DocumentsMenu } from '../components/DocumentsMenu.tsx';
import { EvidenceSection } from '../components/EvidenceSection.tsx';
import { FrameSection } from '../components/FrameSection.tsx';
import { IdeaEditor } from '../components/IdeaEditor.tsx';
import { ObjectivesSection } from '../components/ObjectivesSection.tsx';
import { SimilarSection } from '../components/SimilarSection.tsx';
import { TogetherSection } from '../components/TogetherSection.tsx';
import { ValidationSection } from '../components/ValidationSection.tsx';
import { NotAllowed, useSession } from '../session.tsx';
import { showToast } from '../toast.tsx';
import type { Idea } from '../types.ts';
import { Empty, ErrorBox, fmtDate, Loading, Page, ScorePair, StageBadge } from '../ui.tsx';

const SECTIONS = [
  { id: 'frame', label: 'Problem frame' },
  { id: 'criteria', label: 'Success and kill criteria' },
  { id: 'assessment', label: 'Assessment' },
  { id: 'evidence', label: 'Evidence' },
  { id: 'challenger', label: 'Challenger' },
  { id: 'validation', label: 'Validation' },
  { id: 'competitors', label: 'Competitors' },
  { id: 'decisions', label: 'Decisions' },
  { id: 'similar', label: 'Similar ideas' },
  { id: 'together', label: 'Comments' },
];

export default function IdeaPage() {
  const { number } = useParams<{ number: string }>();
  const { ws } = useSession();
  const idea = useQuery({ queryKey: [ws, 'idea', number], queryFn: () => api.idea(ws, number) });
  if (idea.isPending) return <Loading what={`idea #${number}`} />;
  if (idea.error) {
    return (
      <Page title={`Idea #${number}`}>
        {idea.error instanceof ApiError && idea.error.status === 404 ? (
          <Empty title={`There is no idea #${number} in this workspace.`}>
            <Link href="/list">See all ideas</Link>
          </Empty>
        ) : (
          <ErrorBox error={idea.error} retry={() => idea.refetch()} />
        )}
      </Page>
    );
  }
  return <IdeaView idea={idea.data} />;
}

function IdeaView({ idea }: { idea: Idea }) {
  const { ws, stageName, methodology, can } = useSession();
  const queryClient = useQueryClient();
  const [deciding, setDeciding] = useState(false);
  const [editing, setEditing] = useState(false);
  const [decided, setDecided] = useState('');
  const key = [ws, 'idea', String(idea.number)];
  const archive = useMutation({
    mutationFn: ({ archived, version }: { archived: boolean; version: number }) =>
      archived ? api.archiveIdea(ws, idea.number, version) : api.restoreIdea(ws, idea.number, version),
    onSuccess: (saved, { archived }) => {
      queryClient.setQueryData(key, saved);
      void queryClient.invalidateQueries({ queryKey: [ws, 'ideas'] });
      showToast(
        archived ? `#${saved.number} archived.` : `#${saved.number} restored.`,
        archived
          ? { label: 'Undo', run: () => archive.mutateAsync({ archived: false, version: saved.version }) }
          : undefined,
      );
    },
    onError: (e) => showToast(describeError(e), undefined, 'error'),
  });
  const decisions = useQuery({
    queryKey: [ws, 'decisions', idea.number],
    queryFn: () => api.decisions(ws, idea.number),
  });
  const mergedInto = useQuery({
    queryKey: [ws, 'idea', idea.mergedIntoId],
    queryFn: () => api.idea(ws, idea.mergedIntoId!),
    enabled: !!idea.mergedIntoId,
  });
  const open = outcomesFrom(idea.stage).length > 0 && !idea.mergedIntoId && !idea.archivedAt;
  const canDecide = open && can('decide');
  const stage = methodology.stages.find((s) => s.id === idea.stage);

  return (
    <Page
      title={`#${idea.number} ${idea.title}`}
      wide
      actions={
        <>
          <DocumentsMenu idea={idea} />
          <Link className="button" href={`/ideas/${idea.number}/economics`}>
            Economics
          </Link>
          <Link className="button" href={`/ideas/${idea.number}/mvp`}>
            MVP definition
          </Link>
          <Link className="button" href={`/ideas/${idea.number}/pmf`}>
            Product-market fit
          </Link>
          <Link className="button" href={`/ideas/${idea.number}/launch`}>
            Launch plan
          </Link>
          {can('contribute') && !idea.archivedAt && !editing ? (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit
            </button>
          ) : null}
          {can('decide') && !idea.archivedAt && !idea.mergedIntoId ? (
            <button
              type="button"
              className="button"
              disabled={archive.isPending}
              onClick={() => archive.mutate({ archived: true, version: idea.version })}
            >
              Archive
            </button>
          ) : null}
          {canDecide ? (
            <button type="button" className="button button-primary" onClick={() => setDeciding(true)}>
              Decide…
            </button>
          ) : null}
        </>
      }
    >
      <div className="idea-meta">
        <StageBadge stage={idea.stage} name={stageName(idea.stage)} />
        <span>
          <ScorePair composite={idea.score.composite} adjusted={idea.score.adjusted} />
        </span>
        <span className="muted">
          {idea.anonymous ? 'Submitted anonymously' : `Submitted by ${idea.submitter?.name ?? 'unknown'}`} on{' '}
          {fmtDate(idea.createdAt)}
        </span>
        {idea.tags.map((t) => (
          <Link key={t} href={`/list?tag=${encodeURIComponent(t)}`} className="tag">
            {t}
          </Link>
        ))}
      </div>
      <p className="muted small">{stage?.purpose}</p>
      <p role="status" className="status-line">
        {decided}
      </p>
      {idea.mergedIntoId ? (
        <div className="notice">
          This idea was merged into{' '}
          {mergedInto.data ? (
            <Link href={`/ideas/${mergedInto.data.number}`}>
              #{mergedInto.data.number} {mergedInto.data.title}
            </Link>
          ) : (
            'another idea'
          )}
          ; the work goes on there.
        </div>
      ) : null}
      {idea.archivedAt ? (
        <div className="notice notice-warn">
          <p>
            This idea was archived on {fmtDate(idea.archivedAt)}. It is out of the board, the lists and similar ideas;
            nothing linked to it was lost.
          </p>
          {can('decide') ? (
            <button
              type="button"
              className="button"
              disabled={archive.isPending}
              onClick={() => archive.mutate({ archived: false, version: idea.version })}
            >
              Restore
            </button>
          ) : null}
        </div>
      ) : null}
      {editing ? <IdeaEditor idea={idea} onDone={() => setEditing(false)} /> : <IdeaFacts idea={idea} />}

      <nav aria-label="On this page" className="toc">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.label}</a>
            </li>
          ))}
        </ul>
      </nav>

      <Section id="frame" title="Problem frame">
        <FrameSection idea={idea} />
      </Section>
      <Section id="criteria" title="Success and kill criteria">
        <CriteriaSection idea={idea} />
      </Section>
      <Section id="objectives" title="Objectives it serves">
        <ObjectivesSection idea={idea} />
      </Section>
      <Section id="assessment" title="Assessment">
        <AssessmentSection idea={idea} />
      </Section>
      <Section id="evidence" title="Evidence">
        <EvidenceSection idea={idea} />
      </Section>
      <Section id="challenger" title="Challenger">
        <ChallengerSection idea={idea} />
      </Section>
      <Section id="validation" title="Validation">
        <ValidationSection idea={idea} />
      </Section>
      <Section id="competitors" title="Competitors and alternatives">
        <CompetitorsSection idea={idea} />
      </Section>
      <Section id="decisions" title="Decisions">
        {decisions.isPending ? (
          <Loading what="decisions" />
        ) : decisions.error ? (
          <ErrorBox error={decisions.error} retry={() => decisions.refetch()} />
        ) : (
          <DecisionList
            decisions={decisions.data}
            emptyText={`No decision yet. When the idea leaves ${stageName(idea.stage)}, the decision and its reasons are recorded here.`}
          />
        )}
        {canDecide ? (
          <button type="button" className="button" onClick={() => setDeciding(true)}>
            Record a decision
          </button>
        ) : open ? (
          <NotAllowed permission="decide" to="record a decision" />
        ) : null}
      </Section>
      <Section id="similar" title="Similar ideas">
        <SimilarSection idea={idea} />
      </Section>
      <Section id="together" title="Working together">
        <TogetherSection idea={idea} />
      </Section>

      {deciding ? (
        <DecisionDialog
          idea={idea}
          onClose={() => setDeciding(false)}
          onDone={({ idea: i }) => setDecided(`Decision recorded: #${i.number} is now in ${stageName(i.stage)}.`)}
        />
      ) : null}
    </Page>
  );
}

const money = (minor: number | undefined, currency: string | undefined) =>
  minor === undefined
    ? null
    : `${(minor / 100).toLocaleString('en-GB', { maximumFractionDigits: 2 })}${currency ? ` ${currency}` : ''}`;

/** What the idea says about itself: description, statement, scoring inputs and economics, as far as known. */
function IdeaFacts({ idea }: { idea: Idea }) {
  const e = idea.economics;
  const facts: [string, string | null][] = [
    [
      'RICE',
      idea.rice
        ? `reach ${idea.rice.reach}, impact ${idea.rice.impact}, confidence ${idea.rice.confidence}, effort ${idea.rice.effort}`
        : null,
    ],
    ['ICE', idea.ice ? `impact ${idea.ice.impact}, confidence ${idea.ice.confidence}, ease ${idea.ice.ease}` : null],
    ['Revenue per customer a month', money(e?.arpuMonthly, e?.currency)],
    ['Cost to acquire a customer', money(e?.cac, e?.currency)],
    ['Gross margin', e?.grossMargin === undefined ? null : `${Math.round(e.grossMargin * 100)} %`],
    ['Monthly churn', e?.monthlyChurn === undefined ? null : `${Math.round(e.monthlyChurn * 1000) / 10} %`],
    ['TAM', money(e?.tam, e?.currency)],
    ['SAM', money(e?.sam, e?.currency)],
    ['SOM', money(e?.som, e?.currency)],
  ];
  const known = facts.filter((f): f is [string, string] => f[1] !== null);
  return (
    <>
      {idea.description ? <p className="description">{idea.description}</p> : null}
      {idea.statement ? (
        <p className="statement">
          A <strong>{idea.statement.object}</strong> for <strong>{idea.statement.users}</strong> that{' '}
          {idea.statement.doesWhat} in order to {idea.statement.goal}; users benefit by {idea.statement.value} when{' '}
          {idea.statement.situation}.
        </p>
      ) : null}
      {known.length ? (
        <dl className="facts">
          {known.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} className="section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{title}</h2>
      {children}
    </section>
  );
}
