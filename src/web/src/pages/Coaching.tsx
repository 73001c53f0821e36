import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.ts';
import { InputField } from '../components/Fields.tsx';
import { useSession } from '../session.tsx';
import type { OneOnOne } from '../types.ts';
import { Empty, ErrorBox, fmtDate, Loading, Page, ScrollRegion } from '../ui.tsx';

/**
 * /growth/coaching: the coaching practice. Your 1:1s as mentor or mentee (private to the two of you; open
 * actions carry over to the next), and where you stand on a level of the workspace's career ladder.
 */
export default function Coaching() {
  return (
    <Page title="Coaching" lead="Your 1:1s, private to you and the other person, and the career ladder.">
      <OneOnOnes />
      <Ladder />
    </Page>
  );
}

function OneOnOnes() {
  const { ws, members, actor } = useSession();
  const client = useQueryClient();
  const list = useQuery({ queryKey: [ws, 'one-on-ones'], queryFn: () => api.oneOnOnes(ws) });
  const [other, setOther] = useState('');
  const [iAm, setIAm] = useState<'mentee' | 'mentor'>('mentee');
  const [heldOn, setHeldOn] = useState(() => new Date().toISOString().slice(0, 10));
  const [notes, setNotes] = useState('');
  const [action, setAction] = useState('');
  const refresh = () => client.invalidateQueries({ queryKey: [ws, 'one-on-ones'] });
  const create = useMutation({
    mutationFn: () =>
      api.createOneOnOne(ws, {
        mentorId: iAm === 'mentor' ? actor!.id : other,
        menteeId: iAm === 'mentee' ? actor!.id : other,
        heldOn,
        notes,
        ...(action.trim() ? { actions: [action.trim()] } : {}),
      }),
    onSuccess: () => {
      setNotes('');
      setAction('');
      refresh();
    },
  });
  return (
    <section className="section" aria-labelledby="one-h">
      <h2 id="one-h">1:1s</h2>
      <form
        className="card-panel stack"
        aria-label="Record a 1:1"
        onSubmit={(e) => {
          e.preventDefault();
          if (other && actor) create.mutate();
        }}
      >
        <div className="grid-2">
          <div className="field">
            <label htmlFor="one-role">I am the</label>
            <select id="one-role" value={iAm} onChange={(e) => setIAm(e.target.value as 'mentee' | 'mentor')}>
              <option value="mentee">mentee</option>
              <option value="mentor">mentor</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="one-other">With</label>
            <select id="one-other" value={other} onChange={(e) => setOther(e.target.value)}>
              <option value="">Choose a member</option>
              {members
                .filter((m) => m.id !== actor?.id)
                .map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
            </select>
          </div>
        </div>
        <InputField label="Held on" type="date" value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
        <div className="field">
          <label htmlFor="one-notes">Notes</label>
          <textarea
            id="one-notes"
            rows={3}
            maxLength={10_000}
            value={notes}
            onChange={(e) => setNotes(e.target.value)}
          />
        </div>
        <InputField
          label="An action agreed (optional)"
          hint="Open actions of your previous 1:1 with this person carry over by themselves."
          value={action}
          maxLength={300}
          onChange={(e) => setAction(e.target.value)}
        />
        {create.error ? <ErrorBox error={create.error} /> : null}
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={!other || create.isPending}>
            Record the 1:1
          </button>
        </div>
      </form>
      {list.isPending ? (
        <Loading what="your 1:1s" />
      ) : list.error ? (
        <ErrorBox error={list.error} retry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <Empty title="No 1:1 recorded yet." />
      ) : (
        <ul className="plain-list stack">
          {list.data.map((o) => (
            <OneOnOneItem key={o.id} item={o} onChange={refresh} />
          ))}
        </ul>
      )}
    </section>
  );
}

function OneOnOneItem({ item, onChange }: { item: OneOnOne; onChange: () => void }) {
  const { ws } = useSession();
  const tick = useMutation({
    mutationFn: (index: number) =>
      api.updateOneOnOne(ws, item.id, {
        version: item.version,
        actions: item.actions.map((a, i) => (i === index ? { ...a, done: !a.done } : a)),
      }),
    onSuccess: onChange,
  });
  return (
    <li className="card-panel">
      <h3 className="h3">
        {fmtDate(item.heldOn)}: {item.mentor.name} (mentor) and {item.mentee.name}
      </h3>
      {item.notes ? <p>{item.notes}</p> : null}
      {item.actions.length ? (
        <ul className="plain-list">
          {item.actions.map((a, i) => (
            // An action is its place in the list: the list is only ever replaced whole.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={i}>
              <label className="choice">
                <input type="checkbox" checked={a.done} disabled={tick.isPending} onChange={() => tick.mutate(i)} />
                <span>{a.text}</span>
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      {tick.error ? <ErrorBox error={tick.error} /> : null}
    </li>
  );
}

function Ladder() {
  const { ws } = useSession();
  const ladder = useQuery({ queryKey: [ws, 'ladder'], queryFn: () => api.ladder(ws) });
  const [level, setLevel] = useState('');
  const chosen = level || ladder.data?.ladder.levels[1]?.id || ladder.data?.ladder.levels[0]?.id || '';
  const standing = useQuery({
    queryKey: [ws, 'ladder-standing', chosen],
    queryFn: () => api.ladderStanding(ws, chosen),
    enabled: !!chosen,
  });
  if (ladder.isPending) return <Loading what="the career ladder" />;
  if (ladder.error) return <ErrorBox error={ladder.error} retry={() => ladder.refetch()} />;
  return (
    <section className="section" aria-labelledby="ladder-h">
      <h2 id="ladder-h">Career ladder: {ladder.data.ladder.name}</h2>
      <div className="field">
        <label htmlFor="ladder-level">Compare me with the level</label>
        <select id="ladder-level" value={chosen} onChange={(e) => setLevel(e.target.value)}>
          {ladder.data.ladder.levels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </div>
      {standing.isPending ? (
        <Loading what="your standing" />
      ) : standing.error ? (
        <ErrorBox error={standing.error} />
      ) : (
        <>
          <p>
            You meet {standing.data.meets} of {standing.data.traits.length} expectations of {standing.data.levelName}.
          </p>
          <ScrollRegion label="Your standing on the level">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Trait</th>
                  <th scope="col" className="num">
                    Expected
                  </th>
                  <th scope="col" className="num">
                    You
                  </th>
                  <th scope="col">From</th>
                </tr>
              </thead>
              <tbody>
                {standing.data.traits.map((t) => (
                  <tr key={t.trait}>
                    <th scope="row">{t.name}</th>
                    <td className="num">{t.expected}</td>
                    <td className="num">{t.actual ?? '–'}</td>
                    <td>
                      {t.basis === 'others' ? "others' mean" : t.basis === 'self' ? 'your own rating' : 'not rated'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </section>
  );
}
