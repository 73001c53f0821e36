import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'wouter';
import { formatShare } from '../../../domain/economics.ts';
import { pmfReadout } from '../../../domain/pmf.ts';
import { PMF_SIGNALS, PMF_THRESHOLDS } from '../../../methodology/index.ts';
import { api, describeError } from '../api.ts';
import { type Errors, FormError, fieldErrors, InputField } from '../components/Fields.tsx';
import { NotAllowed, useSession } from '../session.tsx';
import { showToast } from '../toast.tsx';
import type { Idea, PmfData, PmfReadout } from '../types.ts';
import { ErrorBox, Loading, Page, ScrollRegion } from '../ui.tsx';

const STATUS_WORDS: Record<PmfReadout['signals'][number]['status'], string> = {
  'not-measured': 'Not measured',
  weak: 'Weak',
  moderate: 'Moderate',
  strong: 'Strong',
};

export default function PmfPage() {
  const { number } = useParams<{ number: string }>();
  const { ws } = useSession();
  const idea = useQuery({ queryKey: [ws, 'idea', number], queryFn: () => api.idea(ws, number) });
  if (idea.isPending) return <Loading what={`idea #${number}`} />;
  if (idea.error) return <ErrorBox error={idea.error} retry={() => idea.refetch()} />;
  return <PmfView idea={idea.data} />;
}

function PmfView({ idea }: { idea: Idea }) {
  const { can } = useSession();
  const id = useId();
  // The same reading the API gives (GET …/pmf), from the idea already loaded: it follows every save at once.
  const r = pmfReadout(idea.pmf, idea.economics);
  const editable = can('contribute') && !idea.archivedAt;
  return (
    <Page
      title={`#${idea.number} Product-market fit`}
      lead={idea.title}
      wide
      actions={
        <>
          <Link className="button" href={`/ideas/${idea.number}`}>
            Back to the idea
          </Link>
          <Link className="button" href={`/ideas/${idea.number}/economics`}>
            Economics
          </Link>
        </>
      }
    >
      <section aria-labelledby={`${id}-level`} className="section">
        <h2 id={`${id}-level`}>Where it stands</h2>
        <p className={`pmf-level pmf-level-${r.level}`} data-testid="pmf-level">
          {r.levelWords}
        </p>
        {r.readyToScale ? (
          <p className="notice" data-testid="pmf-verdict">
            Ready to scale: all four signals are strong and the guards hold.
          </p>
        ) : (
          <div className="notice notice-warn" data-testid="pmf-verdict">
            <p>
              Not ready to scale. Held back by <strong>{r.holdingBack?.name}</strong>: {r.holdingBack?.question}
            </p>
          </div>
        )}
        <p className="small">{r.scaleQuestion}</p>
        <ul className="pmf-signals" aria-label="Signals">
          {r.signals.map((s) => (
            <li key={s.id} className={`pmf-signal pmf-${s.status}`} data-testid={`signal-${s.id}`}>
              <h3>{s.name}</h3>
              <p>
                <span className="badge">{STATUS_WORDS[s.status]}</span>
                {s.sample !== null ? <span className="muted small"> n = {s.sample}</span> : null}
              </p>
              <p className="small">{s.evidence}</p>
              <p className="small muted">{PMF_SIGNALS.find((w) => w.id === s.id)?.measures}</p>
            </li>
          ))}
        </ul>
        <h3>Guards</h3>
        <ul>
          {r.guards.map((g) => (
            <li key={g.id} data-testid={`guard-${g.id}`}>
              <strong>{g.name}</strong>:{' '}
              {g.status === 'holds' ? 'holds' : g.status === 'fails' ? 'fails' : 'not measured'}. {g.evidence}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby={`${id}-cohorts`} className="section">
        <h2 id={`${id}-cohorts`}>Retention cohorts</h2>
        {r.cohorts.length === 0 ? (
          <p className="muted">No cohort table yet: import one below.</p>
        ) : (
          <>
            <CohortChart cohorts={r.cohorts} />
            <p className="small">
              Trend of D{PMF_THRESHOLDS.retentionDay} across recent cohorts:{' '}
              {`${r.retention.trend ?? 'too few cohorts'}; `}
              the curve{' '}
              {r.retention.flattening === null
                ? 'has too few points to tell'
                : r.retention.flattening
                  ? 'flattens'
                  : 'is still falling'}
              .
            </p>
            <ScrollRegion label="Cohort table">
              <table className="table">
                <caption className="visually-hidden">Retention by cohort</caption>
                <thead>
                  <tr>
                    <th scope="col">Cohort</th>
                    <th scope="col" className="num">
                      Users
                    </th>
                    <th scope="col" className="num">
                      D{PMF_THRESHOLDS.retentionDay}
                    </th>
                    <th scope="col">Curve</th>
                  </tr>
                </thead>
                <tbody>
                  {r.cohorts.map((c) => (
                    <tr key={c.cohort}>
                      <th scope="row">{c.cohort}</th>
                      <td className="num">{c.size}</td>
                      <td className="num">{c.d30 === null ? '–' : formatShare(c.d30)}</td>
                      <td>{c.curve.map((p) => `d${p.day} ${formatShare(p.share)}`).join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </>
        )}
      </section>

      <section aria-labelledby={`${id}-data`} className="section">
        <h2 id={`${id}-data`}>Data</h2>
        {editable ? (
          <>
            <CsvImport idea={idea} kind="sean-ellis" />
            <CsvImport idea={idea} kind="cohorts" />
            <MeasuresForm idea={idea} />
          </>
        ) : (
          <NotAllowed permission="contribute" to="add product-market fit data" />
        )}
      </section>
    </Page>
  );
}

/** How many cohorts the chart draws: one per chart colour (--chart-1 to --chart-6, classes series-1 to series-6). */
const SERIES = 6;

/** Each cohort's share still active, day by day: a flattening curve is what retention that holds looks like. */
function CohortChart({ cohorts }: { cohorts: PmfReadout['cohorts'] }) {
  const W = 560;
  const H = 240;
  const pad = { l: 44, r: 12, t: 10, b: 30 };
  const maxDay = Math.max(1, ...cohorts.flatMap((c) => c.curve.map((p) => p.day)));
  const x = (day: number) => pad.l + (day / maxDay) * (W - pad.l - pad.r);
  const y = (share: number) => pad.t + (1 - share) * (H - pad.t - pad.b);
  const shown = cohorts.slice(-SERIES);
  return (
    <figure className="cohort-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="cohort-chart-title" width="100%">
        <title id="cohort-chart-title">
          Retention curves of {shown.length} cohorts: share of each cohort still active by day (the table below has the
          figures)
        </title>
        {[0, 0.25, 0.5, 0.75, 1].map((s) => (
          <g key={s}>
            <line x1={pad.l} x2={W - pad.r} y1={y(s)} y2={y(s)} className="plot-grid-line" />
            <text x={pad.l - 6} y={y(s) + 4} textAnchor="end" fontSize="11">
              {Math.round(s * 100)}%
            </text>
          </g>
        ))}
        <text x={W - pad.r} y={H - 8} textAnchor="end" fontSize="11">
          day {maxDay}
        </text>
        <text x={pad.l} y={H - 8} fontSize="11">
          day 0
        </text>
        {shown.map((c, i) => (
          <polyline
            key={c.cohort}
            className={`series series-${i + 1}`}
            strokeWidth="2"
            points={[{ day: 0, share: 1 }, ...c.curve].map((p) => `${x(p.day)},${y(p.share)}`).join(' ')}
          />
        ))}
      </svg>
      <figcaption className="small">
        {shown.map((c, i) => (
          <span key={c.cohort} className="legend-item">
            <span className={`legend-swatch series-${i + 1}`} aria-hidden="true" /> {c.cohort}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

const IMPORTS = {
  'sean-ellis': {
    label: 'Sean Ellis survey (CSV)',
    hint: 'One answer a row, in a column whose header mentions "disappointed": very, somewhat or not disappointed, or N/A.',
  },
  cohorts: {
    label: 'Retention cohorts (CSV)',
    hint: 'A cohort a row, oldest first: cohort, size, then d1, d7, d30… with users still active (counts or %).',
  },
} as const;

function CsvImport({ idea, kind }: { idea: Idea; kind: keyof typeof IMPORTS }) {
  const { ws } = useSession();
  const queryClient = useQueryClient();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('');
  const run = useMutation({
    mutationFn: async () =>
      api.importPmf(ws, idea.number, {
        version: idea.version,
        kind,
        csv: await file!.text(),
        ...(source.trim() ? { source: source.trim() } : {}),
      }),
    onSuccess: (saved) => {
      queryClient.setQueryData([ws, 'idea', String(idea.number)], saved);
      showToast(kind === 'sean-ellis' ? 'Survey imported.' : 'Cohorts imported.');
      setFile(null);
    },
  });
  const errors = run.error ? fieldErrors(run.error) : {};
  const rows = Object.values(errors).filter(Boolean);
  return (
    <form
      className="stack card-panel"
      aria-label={IMPORTS[kind].label}
      onSubmit={(e) => {
        e.preventDefault();
        if (file) run.mutate();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-file`}>{IMPORTS[kind].label}</label>
        <p className="hint" id={`${id}-hint`}>
          {IMPORTS[kind].hint}
        </p>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,text/csv"
          aria-describedby={`${id}-hint`}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      {kind === 'sean-ellis' ? (
        <InputField
          label="Where the survey comes from"
          value={source}
          maxLength={300}
          onChange={(e) => setSource(e.target.value)}
        />
      ) : null}
      {run.error ? (
        <div className="notice notice-error" role="alert">
          <p>{describeError(run.error)}</p>
          {rows.length ? (
            <ul>
              {rows.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div>
        <button type="submit" className="button" disabled={!file || run.isPending}>
          Import {kind === 'sean-ellis' ? 'survey' : 'cohorts'}
        </button>
      </div>
    </form>
  );
}

/** Organic share and the guards, typed in; the survey and cohorts come by file. */
function MeasuresForm({ idea }: { idea: Idea }) {
  const { ws } = useSession();
  const queryClient = useQueryClient();
  const p = idea.pmf ?? {};
  const [d, setD] = useState({
    organic: p.organic ? String(p.organic.organicNewUsers) : '',
    total: p.organic ? String(p.organic.totalNewUsers) : '',
    tickets: (p.supportTickets ?? []).map((t) => `${t.period}: ${t.ticketsPerUser}`).join('\n'),
    completed: p.onboarding ? String(p.onboarding.completed) : '',
    started: p.onboarding ? String(p.onboarding.started) : '',
  });
  const [own, setOwn] = useState<Errors>({});
  const save = useMutation({
    mutationFn: (pmf: PmfData) => api.updateIdea(ws, idea.number, { version: idea.version, pmf }),
    onSuccess: (saved) => {
      queryClient.setQueryData([ws, 'idea', String(idea.number)], saved);
      showToast('Measures saved.');
    },
  });
  const errors = fieldErrors(save.error, own);
  const whole = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : null);
  return (
    <form
      className="stack card-panel"
      aria-label="Organic pull and guards"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const found: Errors = {};
        const next: PmfData = { ...(idea.pmf ?? {}) };
        delete next.organic;
        delete next.onboarding;
        delete next.supportTickets;
        if (d.organic.trim() || d.total.trim()) {
          const o = whole(d.organic);
          const t = whole(d.total);
          if (o === null || t === null || t < 1 || o > t)
            found.organic = 'Give two whole numbers: organic new users, of all new users.';
          else next.organic = { organicNewUsers: o, totalNewUsers: t };
        }
        if (d.completed.trim() || d.started.trim()) {
          const c = whole(d.completed);
          const s = whole(d.started);
          if (c === null || s === null || s < 1 || c > s)
            found.onboarding = 'Give two whole numbers: finished, of started.';
          else next.onboarding = { completed: c, started: s };
        }
        const lines = d.tickets
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        const tickets = lines.map((l) => /^(.{1,40}):\s*(\d+(?:\.\d+)?)$/.exec(l));
        if (tickets.some((m) => !m)) found.tickets = 'Write one period a line, as "Q3: 0.4".';
        else if (tickets.length)
          next.supportTickets = tickets.map((m) => ({ period: m![1]!.trim(), ticketsPerUser: Number(m![2]) }));
        setOwn(found);
        if (Object.values(found).some(Boolean)) return;
        save.mutate(next);
      }}
    >
      <div className="row">
        <InputField
          label="New users from organic channels"
          inputMode="numeric"
          value={d.organic}
          error={errors.organic}
          onChange={(e) => setD({ ...d, organic: e.target.value })}
        />
        <InputField
          label="All new users"
          inputMode="numeric"
          value={d.total}
          onChange={(e) => setD({ ...d, total: e.target.value })}
        />
      </div>
      <div className="row">
        <InputField
          label="Finished onboarding"
          inputMode="numeric"
          value={d.completed}
          error={errors.onboarding}
          onChange={(e) => setD({ ...d, completed: e.target.value })}
        />
        <InputField
          label="Started onboarding"
          inputMode="numeric"
          value={d.started}
          onChange={(e) => setD({ ...d, started: e.target.value })}
        />
      </div>
      <TicketsField value={d.tickets} error={errors.tickets} onChange={(tickets) => setD({ ...d, tickets })} />
      <FormError error={save.error} />
      <div>
        <button type="submit" className="button" disabled={save.isPending}>
          Save measures
        </button>
      </div>
    </form>
  );
}

function TicketsField({
  value,
  error,
  onChange,
}: {
  value: string;
  error?: string | undefined;
  onChange: (v: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Support tickets per user, oldest period first</label>
      <p className="hint" id={`${id}-hint`}>
        One period a line, as "Q3: 0.4".
      </p>
      <textarea
        id={id}
        rows={3}
        value={value}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
