import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api.ts';
import { CopyField, InputField } from '../components/Fields.tsx';
import { TraitRatingForm, useTraitFramework } from '../components/TraitRatingForm.tsx';
import { useSession } from '../session.tsx';
import { showToast } from '../toast.tsx';
import type { Cycle, RaterInvite } from '../types.ts';
import { Empty, ErrorBox, fmtDate, Loading, Page, ScrollRegion } from '../ui.tsx';

/**
 * /growth: your own 360 cycle. Rate yourself against the anchored scale, ask others (members, or anyone
 * through a one-time link), and close the cycle to see the summary. Only you see any of it: the API serves
 * this page's data to you alone. While the cycle is open the page cannot say who answered, because the API
 * does not say (see docs/leadership.md).
 */
export default function Growth() {
  const { ws } = useSession();
  const cycles = useQuery({ queryKey: [ws, 'cycles'], queryFn: () => api.cycles(ws) });
  const requests = useQuery({ queryKey: [ws, 'rating-requests'], queryFn: () => api.ratingRequests(ws) });
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: [ws] });
  const start = useMutation({ mutationFn: () => api.openCycle(ws), onSuccess: refresh });
  const framework = useTraitFramework();
  const current = cycles.data?.at(-1);

  return (
    <Page
      title="My growth"
      lead={framework.data?.advice ?? 'Assess yourself honestly, find your weakest trait, and stretch there.'}
      actions={
        <>
          <Link href="/growth/summary" className="button">
            360 summary
          </Link>
          <Link href="/growth/plan" className="button">
            Development plan
          </Link>
          <Link href="/growth/team" className="button">
            Team view
          </Link>
          <Link href="/growth/pulse" className="button">
            Team pulse
          </Link>
          <Link href="/growth/coaching" className="button">
            Coaching
          </Link>
        </>
      }
    >
      <p className="notice" role="note">
        Private to you: nobody else, owners included, can read your ratings, whom you asked, or your plan.
      </p>
      {requests.data && requests.data.length > 0 ? (
        <p className="notice notice-warn">
          {requests.data.length} {requests.data.length === 1 ? 'person asks' : 'people ask'} for your feedback.{' '}
          <Link href="/growth/requests">Answer the requests</Link>
        </p>
      ) : null}
      {cycles.isPending ? (
        <Loading what="your cycles" />
      ) : cycles.error ? (
        <ErrorBox error={cycles.error} retry={() => cycles.refetch()} />
      ) : !current || current.closedAt ? (
        <Empty title={current ? 'Your last cycle is closed.' : 'You have not assessed yourself yet.'}>
          <p>
            {current
              ? `Closed on ${fmtDate(current.closedAt)}: see the summary, or reassess with a new cycle.`
              : 'A cycle is one assessment: your own ratings, and those of people you ask.'}
          </p>
          {start.error ? <ErrorBox error={start.error} /> : null}
          <button
            type="button"
            className="button button-primary"
            disabled={start.isPending}
            onClick={() => start.mutate()}
          >
            {current ? 'Start a new cycle' : 'Start your assessment'}
          </button>
        </Empty>
      ) : (
        <OpenCycle cycle={current} onChange={refresh} />
      )}
    </Page>
  );
}

function OpenCycle({ cycle, onChange }: { cycle: Cycle; onChange: () => void }) {
  const { ws } = useSession();
  const rate = useMutation({
    mutationFn: (ratings: Parameters<typeof api.rateSelf>[3]) => api.rateSelf(ws, cycle.id, cycle.version, ratings),
    onSuccess: () => {
      showToast('Your ratings are saved.');
      onChange();
    },
  });
  const close = useMutation({
    mutationFn: () => api.closeCycle(ws, cycle.id, cycle.version),
    onSuccess: onChange,
  });
  return (
    <>
      <section className="section" aria-labelledby="self-h">
        <h2 id="self-h">Rate yourself</h2>
        <p className="muted">
          Pick the sentence that describes what a colleague would see you do today, and give an example when you can.
        </p>
        <TraitRatingForm
          key={cycle.version}
          initial={cycle.self}
          about="yourself"
          submitLabel="Save my ratings"
          busy={rate.isPending}
          error={rate.error}
          onSubmit={(ratings) => rate.mutate(ratings)}
        />
      </section>
      <Raters cycle={cycle} onChange={onChange} />
      <section className="section" aria-labelledby="close-h">
        <h2 id="close-h">Close the cycle</h2>
        <p className="muted">
          Closing ends the cycle: no more answers are taken, and your summary shows others' ratings, per group, only
          where at least three people of the group rated a trait. A manager is shown as such only if they agreed.
        </p>
        {close.error ? <ErrorBox error={close.error} /> : null}
        <button type="button" className="button" disabled={close.isPending} onClick={() => close.mutate()}>
          Close the cycle and see the summary
        </button>
      </section>
    </>
  );
}

function Raters({ cycle, onChange }: { cycle: Cycle; onChange: () => void }) {
  const { ws, members, actor } = useSession();
  const framework = useTraitFramework();
  const [group, setGroup] = useState<RaterInvite['group']>('peer');
  const [who, setWho] = useState('');
  const [label, setLabel] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const asked = new Set(cycle.raters.map((r) => r.name));
  const candidates = members.filter((m) => m.id !== actor?.id && !asked.has(m.name));
  const invite = useMutation({
    mutationFn: () =>
      api.inviteRater(ws, cycle.id, {
        version: cycle.version,
        group,
        ...(who ? { memberId: who } : {}),
        ...(!who && label.trim() ? { label: label.trim() } : {}),
      }),
    onSuccess: (r) => {
      setLink(r.link?.url ?? null);
      setWho('');
      setLabel('');
      onChange();
    },
  });
  const groups = (framework.data?.groups ?? []).filter((g) => g.id !== 'self');
  const groupName = (id: string) => groups.find((g) => g.id === id)?.name ?? id;
  return (
    <section className="section" aria-labelledby="raters-h">
      <h2 id="raters-h">Ask others</h2>
      <p className="muted">
        Ask your manager, peers, reports and cross-functional partners. You will not see who answered or when; ask at
        least three people in a group, or that group shows nothing.
      </p>
      {cycle.raters.length === 0 ? (
        <p>Nobody asked yet.</p>
      ) : (
        <ScrollRegion label="People you asked">
          <table className="table">
            <caption className="visually-hidden">People you asked</caption>
            <thead>
              <tr>
                <th scope="col">Who</th>
                <th scope="col">Group</th>
                <th scope="col">How</th>
              </tr>
            </thead>
            <tbody>
              {cycle.raters.map((r) => (
                <tr key={r.id}>
                  <td>{r.name}</td>
                  <td>{groupName(r.group)}</td>
                  <td>{r.via === 'link' ? 'One-time link' : 'In Vetted'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <form
        className="card-panel stack"
        aria-label="Ask someone"
        onSubmit={(e) => {
          e.preventDefault();
          invite.mutate();
        }}
      >
        <div className="grid-2">
          <div className="field">
            <label htmlFor="rater-group">Their group</label>
            <select id="rater-group" value={group} onChange={(e) => setGroup(e.target.value as RaterInvite['group'])}>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="rater-who">Who</label>
            <select id="rater-who" value={who} onChange={(e) => setWho(e.target.value)}>
              <option value="">Someone without an account (a one-time link)</option>
              {candidates.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        {who ? null : (
          <InputField
            label="Who the link is for (only you see this)"
            value={label}
            maxLength={100}
            onChange={(e) => setLabel(e.target.value)}
          />
        )}
        {invite.error ? <ErrorBox error={invite.error} /> : null}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={invite.isPending}>
            {who ? 'Ask them' : 'Make a one-time link'}
          </button>
        </div>
      </form>
      {link ? <CopyField label="One-time link (shown only now: send it yourself)" value={link} /> : null}
    </section>
  );
}
