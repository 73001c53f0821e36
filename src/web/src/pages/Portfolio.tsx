import {
  DndContext,
  type DragEndEvent,
  DragOverlay,
  MeasuringStrategy,
  MouseSensor,
  TouchSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useId, useMemo, useState } from 'react';
import { Link } from 'wouter';
import { moveBetween, outcomesFrom } from '../../../domain/stages.ts';
import { api } from '../api.ts';
import { BulkActions } from '../components/BulkActions.tsx';
import { DecisionDialog } from '../components/DecisionDialog.tsx';
import { FilterForm, SavedViews, useListFilters } from '../components/ListFilters.tsx';
import { useSession } from '../session.tsx';
import type { Idea, IdeaListQuery, StageId } from '../types.ts';
import {
  Empty,
  ErrorBox,
  fmtDate,
  fmtPct,
  fmtScore,
  Loading,
  Page,
  ScorePair,
  ScrollRegion,
  StageBadge,
} from '../ui.tsx';

const MAIN: StageId[] = ['discovery', 'validation', 'realization', 'launched'];
const OFF: StageId[] = ['parked', 'killed'];

export const useAllIdeas = (ws: string) =>
  useQuery({ queryKey: [ws, 'ideas', 'all'], queryFn: () => api.allIdeas(ws, { sort: '-adjusted' }) });

export function Portfolio({ view }: { view: 'board' | 'list' }) {
  return (
    <Page
      title="Portfolio"
      lead="Every idea by stage. Scores show the composite, then what the evidence lets us keep of it."
      wide
      actions={
        <>
          <Link href="/import" className="button">
            Import and export
          </Link>
          <Link href="/submit" className="button button-primary">
            Submit an idea
          </Link>
        </>
      }
    >
      <nav aria-label="Portfolio views" className="tabs">
        <Link href="/" aria-current={view === 'board' ? 'page' : undefined}>
          Board
        </Link>
        <Link href="/list" aria-current={view === 'list' ? 'page' : undefined}>
          List
        </Link>
        <Link href="/matrix">Matrix</Link>
        <Link href="/archived">Archived</Link>
      </nav>
      {view === 'board' ? <Board /> : <IdeaList />}
    </Page>
  );
}

type Pending = { idea: Idea; preset?: { outcome: 'advance' | 'park' | 'kill' | 'reopen'; toStage?: StageId } };

function Board() {
  const { ws, stageName, methodology, can } = useSession();
  const mayDecide = can('decide');
  const ideas = useAllIdeas(ws);
  const [filter, setFilter] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [message, setMessage] = useState('');
  // A refusal reads as one: its own colour, not the green of a decision recorded.
  const [refused, setRefused] = useState(false);
  const [dragging, setDragging] = useState<Idea | null>(null);
  const [offOpen, setOffOpen] = useState(false);
  const filterId = useId();
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 8 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
  );

  const byStage = useMemo(() => {
    const map = new Map<StageId, Idea[]>();
    const f = filter.trim().toLowerCase();
    for (const i of ideas.data ?? []) {
      if (
        f &&
        !`#${i.number} ${i.title} ${i.tags.join(' ')}`.toLowerCase().includes(f) &&
        String(i.number) !== f.replace('#', '')
      )
        continue;
      map.set(i.stage, [...(map.get(i.stage) ?? []), i]);
    }
    return map;
  }, [ideas.data, filter]);

  if (ideas.isPending) return <Loading what="ideas" />;
  if (ideas.error) return <ErrorBox error={ideas.error} retry={() => ideas.refetch()} />;
  if (ideas.data.length === 0)
    return (
      <Empty title="No ideas yet.">
        <p>
          Ideas arrive here from anyone in the organisation. <Link href="/submit">Submit the first one</Link>, or load
          the sample portfolio with <code>npx vetted demo</code>.
        </p>
      </Empty>
    );

  const onDragEnd = (e: DragEndEvent) => {
    setDragging(null);
    const idea = e.active.data.current?.idea as Idea | undefined;
    const to = e.over?.id as StageId | undefined;
    if (!idea || !to || to === idea.stage) return;
    const move = moveBetween(idea.stage, to);
    if (!move.ok) {
      setMessage(`#${idea.number} stays in ${stageName(idea.stage)}. ${move.reason}`);
      setRefused(true);
      return;
    }
    setPending({ idea, preset: move.value });
  };

  const column = (stage: StageId) => (
    <Column
      key={stage}
      stage={stage}
      name={stageName(stage)}
      purpose={methodology.stages.find((s) => s.id === stage)?.purpose ?? ''}
      ideas={byStage.get(stage) ?? []}
      filtered={filter.trim() !== ''}
      onMove={mayDecide ? (idea) => setPending({ idea }) : null}
    />
  );
  const offCount = OFF.reduce((n, s) => n + (byStage.get(s)?.length ?? 0), 0);

  return (
    <>
      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor={filterId}>Filter cards</label>
          <input
            id={filterId}
            type="search"
            data-shortcut="search"
            value={filter}
            placeholder="Title, tag or #number"
            onChange={(e) => setFilter(e.target.value)}
          />
        </div>
        {mayDecide ? (
          <p className="muted small">
            Drag a card to another stage, or use its <em>Move</em> button: either way the decision and its reasons are
            asked for and recorded.
          </p>
        ) : (
          <p className="muted small">Leaders and owners move ideas between stages, recording the decision and why.</p>
        )}
      </div>
      <p role="status" className={refused ? 'status-line status-refused' : 'status-line'}>
        {message}
      </p>
      <DndContext
        sensors={sensors}
        // Parked and Killed open when a drag starts: measure the columns while dragging, not only before.
        measuring={{ droppable: { strategy: MeasuringStrategy.Always } }}
        onDragStart={(e) => {
          setDragging((e.active.data.current?.idea as Idea) ?? null);
          setOffOpen(true);
        }}
        onDragCancel={() => setDragging(null)}
        onDragEnd={onDragEnd}
      >
        <div className="board">{MAIN.map(column)}</div>
        <details className="board-off" open={offOpen} onToggle={(e) => setOffOpen(e.currentTarget.open)}>
          <summary>
            Parked and killed ({offCount}):{' '}
            {OFF.map((s) => `${stageName(s)} ${byStage.get(s)?.length ?? 0}`).join(', ')}
          </summary>
          <div className="board board-2">{OFF.map(column)}</div>
        </details>
        <DragOverlay>{dragging ? <CardBody idea={dragging} overlay /> : null}</DragOverlay>
      </DndContext>
      {pending ? (
        <DecisionDialog
          idea={pending.idea}
          preset={pending.preset}
          onClose={() => setPending(null)}
          onDone={({ idea, decision }) => {
            setRefused(false);
            setMessage(
              `Recorded: #${idea.number} ${decision.outcome === 'advance' ? 'advanced' : `${decision.outcome === 'reopen' ? 'reopened' : `${decision.outcome}ed`}`} to ${stageName(idea.stage)}.`,
            );
          }}
        />
      ) : null}
    </>
  );
}

function Column({
  stage,
  name,
  purpose,
  ideas,
  filtered,
  onMove,
}: {
  stage: StageId;
  name: string;
  purpose: string;
  ideas: Idea[];
  filtered?: boolean;
  onMove: ((idea: Idea) => void) | null;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: stage });
  const headingId = useId();
  return (
    <section
      ref={setNodeRef}
      className={`column column-${stage}${isOver ? ' column-over' : ''}`}
      aria-labelledby={headingId}
    >
      <h2 id={headingId} className="column-head" title={purpose}>
        <span>{name}</span> <span className="count">{ideas.length}</span>
      </h2>
      {ideas.length === 0 ? (
        <p className="muted small column-empty">
          {filtered ? `No idea in ${name.toLowerCase()} matches the filter.` : `No ideas in ${name.toLowerCase()}.`}
        </p>
      ) : (
        <ul className="cards">
          {ideas.map((i) => (
            <Card key={i.id} idea={i} onMove={onMove} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Card({ idea, onMove }: { idea: Idea; onMove: ((idea: Idea) => void) | null }) {
  // Pointer dragging only (the listeners, not the role): keyboard users have the Move button.
  const { setNodeRef, listeners, isDragging } = useDraggable({
    id: idea.id,
    data: { idea },
    disabled: !onMove || outcomesFrom(idea.stage).length === 0,
  });
  return (
    <li ref={setNodeRef} {...listeners} className={`card${isDragging ? ' card-dragging' : ''}`} data-idea={idea.number}>
      <CardBody
        idea={idea}
        action={
          onMove && outcomesFrom(idea.stage).length ? (
            <button
              type="button"
              className="button button-small"
              onClick={() => onMove(idea)}
              aria-label={`Move #${idea.number} ${idea.title}`}
            >
              Move…
            </button>
          ) : null
        }
      />
    </li>
  );
}

function CardBody({ idea, overlay, action }: { idea: Idea; overlay?: boolean; action?: ReactNode }) {
  const { score } = idea;
  return (
    <div className={overlay ? 'card card-overlay' : 'card-body'}>
      <p className="card-title">
        <span className="num">#{idea.number}</span>{' '}
        {overlay ? (
          idea.title
        ) : (
          <Link href={`/ideas/${idea.number}`} data-shortcut="item">
            {idea.title}
          </Link>
        )}
      </p>
      <p className="card-meta">
        <ScorePair composite={score.composite} adjusted={score.adjusted} />
        {score.composite !== null && score.coverage < 1 ? (
          <span className="muted small"> · {fmtPct(score.coverage)} scored</span>
        ) : null}
      </p>
      {idea.tags.length ? (
        <p className="tags">
          {idea.tags.slice(0, 3).map((t) => (
            <span key={t} className="tag">
              {t}
            </span>
          ))}
        </p>
      ) : null}
      <div className="card-foot">
        <span className="muted small">
          {idea.anonymous ? 'Anonymous' : (idea.submitter?.name ?? 'Unknown submitter')}
        </span>
        {action}
      </div>
    </div>
  );
}

// ————— The list: server-side search, filters and sorting, kept in the address (and in saved views). —————

const SORTABLE: { key: 'number' | 'composite' | 'adjusted' | 'updated'; label: string }[] = [
  { key: 'number', label: '#' },
  { key: 'composite', label: 'Score' },
  { key: 'adjusted', label: 'Adjusted' },
  { key: 'updated', label: 'Updated' },
];
const PAGE = 25;

function IdeaList() {
  const { ws, stageName, can } = useSession();
  const state = useListFilters();
  const { filters, page, update, filtered, sort } = state;
  const all = useAllIdeas(ws);
  const tags = useMemo(() => [...new Set((all.data ?? []).flatMap((i) => i.tags))].sort(), [all.data]);
  const query: IdeaListQuery = { ...filters, sort, limit: PAGE, offset: page * PAGE };
  const list = useQuery({
    queryKey: [ws, 'ideas', 'list', query],
    queryFn: () => api.ideas(ws, query),
    placeholderData: (prev) => prev,
  });
  // Selected ideas by id, kept as they were listed (their versions go with a bulk action).
  const [selected, setSelected] = useState<Map<string, Idea>>(new Map());
  const [done, setDone] = useState('');
  const mayAct = can('contribute');
  const items = list.data?.items ?? [];
  const toggle = (idea: Idea, on: boolean) =>
    setSelected((prev) => {
      const next = new Map(prev);
      if (on) next.set(idea.id, idea);
      else next.delete(idea.id);
      return next;
    });
  const allOnPage = items.length > 0 && items.every((i) => selected.has(i.id));

  const sortBy = (key: string) => update({ sort: sort === `-${key}` ? key : `-${key}` });
  const ariaSort = (key: string) =>
    sort === key ? ('ascending' as const) : sort === `-${key}` ? ('descending' as const) : undefined;

  return (
    <>
      <FilterForm state={state} tags={tags} />
      <SavedViews state={state} />
      {mayAct && selected.size ? (
        <BulkActions
          selected={[...selected.values()]}
          onDone={(text) => {
            setSelected(new Map());
            setDone(text);
          }}
        />
      ) : null}
      <p role="status" className="status-line">
        {selected.size ? '' : done}
      </p>
      {list.isPending ? (
        <Loading what="ideas" />
      ) : list.error ? (
        <ErrorBox error={list.error} retry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty title={filtered ? 'No ideas match these filters.' : 'No ideas yet.'}>
          {filtered ? <p>Try fewer words, or other filters.</p> : <Link href="/submit">Submit an idea</Link>}
        </Empty>
      ) : (
        <>
          <p className="muted small" role="status">
            {list.data.total} idea{list.data.total === 1 ? '' : 's'}
            {filtered ? ' match' : ''}; showing {list.data.offset + 1}–{list.data.offset + list.data.items.length}.
            {mayAct ? ' Tick ideas to tag or move them together.' : ''}
          </p>
          <ScrollRegion label="Ideas">
            <table className="table">
              <thead>
                <tr>
                  {mayAct ? (
                    <th scope="col" className="select-cell">
                      <input
                        type="checkbox"
                        aria-label="Select every idea on this page"
                        checked={allOnPage}
                        onChange={(e) => {
                          for (const i of items) toggle(i, e.target.checked);
                        }}
                      />
                    </th>
                  ) : null}
                  {SORTABLE.slice(0, 1).map((c) => (
                    <SortHeader key={c.key} label={c.label} sort={ariaSort(c.key)} onSort={() => sortBy(c.key)} />
                  ))}
                  <th scope="col">Idea</th>
                  <th scope="col" className="wide-only">
                    Stage
                  </th>
                  {SORTABLE.slice(1).map((c) => (
                    <SortHeader
                      key={c.key}
                      label={c.label}
                      sort={ariaSort(c.key)}
                      onSort={() => sortBy(c.key)}
                      className={c.key === 'updated' ? 'wide-only' : undefined}
                    />
                  ))}
                  <th scope="col" className="wide-only">
                    Scored
                  </th>
                  <th scope="col" className="wide-only">
                    Tags
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((i) => (
                  <tr key={i.id} data-idea={i.number}>
                    {mayAct ? (
                      <td className="select-cell">
                        <input
                          type="checkbox"
                          aria-label={`Select #${i.number} ${i.title}`}
                          checked={selected.has(i.id)}
                          onChange={(e) => toggle(i, e.target.checked)}
                        />
                      </td>
                    ) : null}
                    <td className="num">{i.number}</td>
                    <td className="title-cell">
                      <Link href={`/ideas/${i.number}`} data-shortcut="item">
                        {i.title}
                      </Link>
                      <span className="phone-only">
                        {' '}
                        <StageBadge stage={i.stage} name={stageName(i.stage)} />
                      </span>
                    </td>
                    <td className="wide-only">
                      <StageBadge stage={i.stage} name={stageName(i.stage)} />
                    </td>
                    <td className="num">{fmtScore(i.score.composite)}</td>
                    <td className="num">{fmtScore(i.score.adjusted)}</td>
                    <td className="nowrap wide-only">{fmtDate(i.updatedAt)}</td>
                    <td className="num wide-only">{fmtPct(i.score.coverage)}</td>
                    <td className="wide-only">
                      {i.tags.map((t) => (
                        <button
                          key={t}
                          type="button"
                          className="tag tag-button"
                          onClick={() => update({ tag: t })}
                          aria-label={`Show ideas tagged ${t}`}
                        >
                          {t}
                        </button>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {list.data.total > PAGE ? (
            <nav className="pager" aria-label="Pages">
              <button
                type="button"
                className="button"
                disabled={page === 0}
                onClick={() => update({ page: String(page - 1) })}
              >
                Previous
              </button>
              <span>
                Page {page + 1} of {Math.ceil(list.data.total / PAGE)}
              </span>
              <button
                type="button"
                className="button"
                disabled={(page + 1) * PAGE >= list.data.total}
                onClick={() => update({ page: String(page + 1) })}
              >
                Next
              </button>
            </nav>
          ) : null}
        </>
      )}
    </>
  );
}

function SortHeader({
  label,
  sort,
  onSort,
  className,
}: {
  label: string;
  sort: 'ascending' | 'descending' | undefined;
  onSort: () => void;
  className?: string | undefined;
}) {
  return (
    <th scope="col" aria-sort={sort} className={className}>
      <button type="button" className="sort-button" onClick={onSort}>
        {label}
        <span aria-hidden="true">{sort === 'ascending' ? ' ▲' : sort === 'descending' ? ' ▼' : ' ↕'}</span>
      </button>
    </th>
  );
}
