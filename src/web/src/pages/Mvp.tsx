import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useParams } from 'wouter';
import { MOSCOW_NAMES, MVP_STEPS, type MvpStepId } from '../../../methodology/index.ts';
import { api, storiesCsvUrl } from '../api.ts';
import { StepForm } from '../components/MvpSteps.tsx';
import { NotAllowed, useSession } from '../session.tsx';
import type { Idea, MvpReadout } from '../types.ts';
import { ErrorBox, Loading, Page } from '../ui.tsx';

/**
 * The MVP definition in seven steps: a progress view of all seven (/ideas/:n/mvp) and one page per step
 * (/ideas/:n/mvp/:step), in order. No step blocks the next: every step can be opened and saved at any time.
 */
export default function MvpPage() {
  const { number, step } = useParams<{ number: string; step?: string }>();
  const { ws } = useSession();
  const idea = useQuery({ queryKey: [ws, 'idea', number], queryFn: () => api.idea(ws, number) });
  // Keyed by the idea's version: every save (here or elsewhere) reads the progress again.
  const readout = useQuery({
    queryKey: [ws, 'mvp', number, idea.data?.version],
    queryFn: () => api.mvp(ws, number),
    enabled: !!idea.data,
  });
  if (idea.isPending) return <Loading what={`idea #${number}`} />;
  if (idea.error) return <ErrorBox error={idea.error} retry={() => idea.refetch()} />;
  if (readout.isPending) return <Loading what="the MVP definition" />;
  if (readout.error) return <ErrorBox error={readout.error} retry={() => readout.refetch()} />;
  const current = MVP_STEPS.find((s) => s.id === step);
  if (step && !current) return <ErrorBox error={new Error(`There is no step "${step}".`)} />;
  return <MvpView idea={idea.data} r={readout.data} step={current?.id} />;
}

function MvpView({ idea, r, step }: { idea: Idea; r: MvpReadout; step: MvpStepId | undefined }) {
  const { ws, can } = useSession();
  const id = useId();
  const index = step ? MVP_STEPS.findIndex((s) => s.id === step) : -1;
  const words = MVP_STEPS[index];
  const base = `/ideas/${idea.number}/mvp`;
  const editable = can('contribute') && !idea.archivedAt;
  return (
    <Page
      title={words ? `#${idea.number} MVP step ${words.number}: ${words.name}` : `#${idea.number} MVP definition`}
      lead={r.headline ?? idea.title}
      wide
      actions={
        <>
          <Link className="button" href={`/ideas/${idea.number}`}>
            Back to the idea
          </Link>
          {r.stories.length ? (
            <>
              <a className="button" href={storiesCsvUrl(ws, idea.number, 'jira')} download>
                Stories for Jira (CSV)
              </a>
              <a className="button" href={storiesCsvUrl(ws, idea.number, 'linear')} download>
                Stories for Linear (CSV)
              </a>
            </>
          ) : null}
        </>
      }
    >
      <nav aria-labelledby={`${id}-steps`} className="section mvp-progress">
        <h2 id={`${id}-steps`}>
          Seven steps <span className="muted small">({r.done} of 7 done)</span>
        </h2>
        <ol className="mvp-steps">
          {r.steps.map((s) => (
            <li key={s.id} className={s.done ? 'mvp-step mvp-done' : 'mvp-step mvp-open'} data-testid={`step-${s.id}`}>
              <Link href={`${base}/${s.id}`} aria-current={s.id === step ? 'step' : undefined}>
                <span className="mvp-number" aria-hidden="true">
                  {s.number}
                </span>
                <span>{s.name}</span>
              </Link>
              <span className="badge">{s.done ? 'Done' : 'Open'}</span>
            </li>
          ))}
        </ol>
      </nav>

      {words ? (
        <section aria-labelledby={`${id}-step`} className="section">
          <h2 id={`${id}-step`}>
            Step {words.number}: {words.name}
          </h2>
          <p>{words.output}</p>
          <ul className="small muted">
            {words.prompts.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <Missing missing={r.steps[index]!.missing} />
          {editable ? (
            <StepForm key={`${step}-${idea.version}`} step={words.id} idea={idea} r={r} />
          ) : (
            <NotAllowed permission="contribute" to="define the MVP" />
          )}
          <p className="mvp-pager">
            {index > 0 ? (
              <Link href={`${base}/${MVP_STEPS[index - 1]!.id}`}>
                ← Step {index}: {MVP_STEPS[index - 1]!.name}
              </Link>
            ) : (
              <Link href={base}>← All seven steps</Link>
            )}
            {index < MVP_STEPS.length - 1 ? (
              <Link href={`${base}/${MVP_STEPS[index + 1]!.id}`}>
                Step {index + 2}: {MVP_STEPS[index + 1]!.name} →
              </Link>
            ) : (
              <Link href={base}>All seven steps →</Link>
            )}
          </p>
        </section>
      ) : (
        <Overview r={r} base={base} />
      )}
    </Page>
  );
}

function Missing({ missing }: { missing: string[] }) {
  if (!missing.length) return <p className="notice">This step is done.</p>;
  return (
    <div className="notice notice-warn">
      <p>Open: {missing.join('; ')}.</p>
    </div>
  );
}

/** Every step's output and what it still lacks, then the backlog by priority. */
function Overview({ r, base }: { r: MvpReadout; base: string }) {
  const id = useId();
  return (
    <>
      <section aria-labelledby={`${id}-out`} className="section">
        <h2 id={`${id}-out`}>What each step gives</h2>
        <dl className="mvp-outputs">
          {MVP_STEPS.map((w, i) => (
            <div key={w.id}>
              <dt>
                <Link href={`${base}/${w.id}`}>
                  {w.number}. {w.name}
                </Link>
              </dt>
              <dd>
                {w.output}{' '}
                <span className="muted">{r.steps[i]!.done ? 'Done.' : `Open: ${r.steps[i]!.missing.join('; ')}.`}</span>
              </dd>
            </div>
          ))}
        </dl>
      </section>
      {r.stories.length ? (
        <section aria-labelledby={`${id}-backlog`} className="section">
          <h2 id={`${id}-backlog`}>Backlog, highest priority first</h2>
          <ol className="mvp-backlog">
            {r.stories.map((s) => (
              <li key={s.ref}>
                <strong>{s.ref}</strong> {s.text}{' '}
                <span className="muted small">
                  {s.moscow ? MOSCOW_NAMES[s.moscow] : 'not cut yet'}
                  {s.priority !== null ? `, priority ${s.priority}` : ''}
                </span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </>
  );
}
