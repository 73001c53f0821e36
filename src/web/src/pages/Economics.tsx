import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'wouter';
import { economicsReadout, formatMoney, formatMoneyShort, formatShare } from '../../../domain/economics.ts';
import { ECONOMICS_INPUT_NAMES, ECONOMICS_INPUTS, type EconomicsInput } from '../../../methodology/index.ts';
import { api } from '../api.ts';
import { type Errors, FormError, fieldErrors, InputField } from '../components/Fields.tsx';
import { NotAllowed, useSession } from '../session.tsx';
import { showToast } from '../toast.tsx';
import type { EconomicsFields, Idea } from '../types.ts';
import { ErrorBox, Loading, Page, ScrollRegion } from '../ui.tsx';

type Scenario = 'pessimistic' | 'base' | 'optimistic';
const SCENARIOS: Scenario[] = ['pessimistic', 'base', 'optimistic'];
/** Shares are typed as percentages (70 for 70 %); money in the major unit (49.00). */
const IS_SHARE: Record<EconomicsInput, boolean> = {
  arpuMonthly: false,
  grossMargin: true,
  monthlyChurn: true,
  cac: false,
};
const LABEL: Record<EconomicsInput, string> = {
  arpuMonthly: 'ARPA a month',
  grossMargin: 'Gross margin %',
  monthlyChurn: 'Monthly churn %',
  cac: 'CAC',
};
/** What the challenger says about economics and market size, shown next to the figures it reads. */
const ECONOMICS_KINDS = ['economics-unviable', 'market-top-down-only'];

const show = (v: number | undefined, share: boolean) =>
  v === undefined ? '' : share ? String(Math.round(v * 10_000) / 100) : String(v / 100);
const read = (s: string, share: boolean): number | undefined | 'bad' => {
  const t = s.trim().replace(',', '.');
  if (t === '') return undefined;
  const n = Number(t);
  if (!Number.isFinite(n)) return 'bad';
  return share ? n / 100 : Math.round(n * 100);
};

interface Channel {
  channel: string;
  cac: string;
  share: string;
}
interface Draft {
  currency: string;
  inputs: Record<Scenario, Record<EconomicsInput, string>>;
  basis: Record<EconomicsInput, { kind: '' | 'source' | 'assumption'; note: string }>;
  channels: Channel[];
  topDown: Record<'tam' | 'tamSource' | 'samShare' | 'samSource' | 'somShare' | 'somSource', string>;
  bottomUp: Record<
    'buyers' | 'buyersSource' | 'price' | 'priceSource' | 'frequencyPerYear' | 'frequencySource',
    string
  >;
}

function draftOf(e: EconomicsFields): Draft {
  const row = (get: (k: EconomicsInput) => number | undefined) =>
    Object.fromEntries(ECONOMICS_INPUTS.map((k) => [k, show(get(k), IS_SHARE[k])])) as Record<EconomicsInput, string>;
  const td = e.sizing?.topDown;
  const bu = e.sizing?.bottomUp;
  return {
    currency: e.currency ?? '',
    inputs: {
      pessimistic: row((k) => e.scenarios?.pessimistic?.[k]),
      // With channels the base CAC is their blend, shown in the channel table instead.
      base: row((k) => (k === 'cac' && e.cacChannels?.length ? undefined : e[k])),
      optimistic: row((k) => e.scenarios?.optimistic?.[k]),
    },
    basis: Object.fromEntries(
      ECONOMICS_INPUTS.map((k) => [k, { kind: e.basis?.[k]?.kind ?? '', note: e.basis?.[k]?.note ?? '' }]),
    ) as Draft['basis'],
    channels: (e.cacChannels ?? []).map((c) => ({
      channel: c.channel,
      cac: show(c.cac, false),
      share: show(c.share, true),
    })),
    topDown: {
      tam: show(td?.tam, false),
      tamSource: td?.tamSource ?? '',
      samShare: show(td?.samShare, true),
      samSource: td?.samSource ?? '',
      somShare: show(td?.somShare, true),
      somSource: td?.somSource ?? '',
    },
    bottomUp: {
      buyers: bu ? String(bu.buyers) : '',
      buyersSource: bu?.buyersSource ?? '',
      price: show(bu?.price, false),
      priceSource: bu?.priceSource ?? '',
      frequencyPerYear: bu ? String(bu.frequencyPerYear) : '',
      frequencySource: bu?.frequencySource ?? '',
    },
  };
}

/** The draft as the economics document; the flat figures' other readers are kept in step by the server. */
function economicsOf(d: Draft, kept: EconomicsFields): { value: EconomicsFields; errors: Errors } {
  const errors: Errors = {};
  const num = (field: string, s: string, share: boolean) => {
    const v = read(s, share);
    if (v === 'bad') {
      errors[field] = `"${s}" is not a number.`;
      return undefined;
    }
    return v;
  };
  const out: EconomicsFields = { ...(kept.notes ? { notes: kept.notes } : {}) };
  if (kept.sizingMethod?.includes('value-theory')) out.sizingMethod = ['value-theory'];
  if (d.currency.trim()) out.currency = d.currency.trim().toUpperCase();
  const scenarios: NonNullable<EconomicsFields['scenarios']> = {};
  for (const s of SCENARIOS) {
    const values: Partial<Record<EconomicsInput, number>> = {};
    for (const k of ECONOMICS_INPUTS) {
      const v = num(`${s}.${k}`, d.inputs[s][k], IS_SHARE[k]);
      if (v !== undefined) values[k] = v;
    }
    if (s === 'base') Object.assign(out, values);
    else if (Object.keys(values).length) scenarios[s] = values;
  }
  if (Object.keys(scenarios).length) out.scenarios = scenarios;
  const basis: NonNullable<EconomicsFields['basis']> = {};
  for (const k of ECONOMICS_INPUTS) {
    const b = d.basis[k];
    if (b.kind) basis[k] = { kind: b.kind, ...(b.note.trim() ? { note: b.note.trim() } : {}) };
  }
  if (Object.keys(basis).length) out.basis = basis;
  const channels = d.channels.filter((c) => c.channel.trim() || c.cac.trim() || c.share.trim());
  if (channels.length) {
    out.cacChannels = channels.map((c, i) => {
      if (!c.channel.trim()) errors[`channel.${i}`] = 'Name the channel.';
      return {
        channel: c.channel.trim(),
        cac: num(`channel.${i}`, c.cac, false) ?? 0,
        share: num(`channel.${i}`, c.share, true) ?? 0,
      };
    });
  }
  const sizing: NonNullable<EconomicsFields['sizing']> = {};
  const td = d.topDown;
  const tam = num('tam', td.tam, false);
  if (tam !== undefined) {
    const samShare = num('samShare', td.samShare, true);
    const somShare = num('somShare', td.somShare, true);
    sizing.topDown = {
      tam,
      ...(td.tamSource.trim() ? { tamSource: td.tamSource.trim() } : {}),
      ...(samShare !== undefined ? { samShare } : {}),
      ...(td.samSource.trim() ? { samSource: td.samSource.trim() } : {}),
      ...(somShare !== undefined ? { somShare } : {}),
      ...(td.somSource.trim() ? { somSource: td.somSource.trim() } : {}),
    };
  } else if (td.samShare.trim() || td.somShare.trim()) errors.tam = 'Give the TAM the shares are taken of.';
  const bu = d.bottomUp;
  const parts = [bu.buyers, bu.price, bu.frequencyPerYear].map((s) => s.trim());
  if (parts.every(Boolean)) {
    const buyers = Number(bu.buyers.replace(/[\s,]/g, ''));
    if (!Number.isInteger(buyers) || buyers < 0) errors.buyers = 'Buyers is a whole number.';
    const price = num('price', bu.price, false);
    const frequencyPerYear = Number(bu.frequencyPerYear.replace(',', '.'));
    if (!Number.isFinite(frequencyPerYear)) errors.frequencyPerYear = 'Purchases a year is a number.';
    if (!errors.buyers && price !== undefined)
      sizing.bottomUp = {
        buyers,
        price,
        frequencyPerYear,
        ...(bu.buyersSource.trim() ? { buyersSource: bu.buyersSource.trim() } : {}),
        ...(bu.priceSource.trim() ? { priceSource: bu.priceSource.trim() } : {}),
        ...(bu.frequencySource.trim() ? { frequencySource: bu.frequencySource.trim() } : {}),
      };
  } else if (parts.some(Boolean)) errors.bottomUp = 'Give buyers, price and purchases a year, or none of them.';
  if (sizing.topDown || sizing.bottomUp) out.sizing = sizing;
  else if (!kept.sizing) {
    // Figures entered without structured sizing (the idea editor, an import) stay until sizing replaces them;
    // figures derived from a sizing that is now cleared go with it.
    for (const k of ['tam', 'sam', 'som'] as const) if (kept[k] !== undefined) out[k] = kept[k];
    if (kept.sizingMethod) out.sizingMethod = kept.sizingMethod;
  }
  return { value: out, errors };
}

export default function EconomicsPage() {
  const { number } = useParams<{ number: string }>();
  const { ws } = useSession();
  const idea = useQuery({ queryKey: [ws, 'idea', number], queryFn: () => api.idea(ws, number) });
  if (idea.isPending) return <Loading what={`idea #${number}`} />;
  if (idea.error) return <ErrorBox error={idea.error} retry={() => idea.refetch()} />;
  return <EconomicsView idea={idea.data} />;
}

function EconomicsView({ idea }: { idea: Idea }) {
  const { ws, can } = useSession();
  const queryClient = useQueryClient();
  const e = idea.economics ?? {};
  const [draft, setDraft] = useState(() => draftOf(e));
  const [own, setOwn] = useState<Errors>({});
  const id = useId();
  const key = [ws, 'idea', String(idea.number)];
  const readout = economicsReadout(e);
  const currency = e.currency ?? null;
  const money = (n: number | null) => (n === null ? '–' : formatMoney(n, currency));
  const challenge = useQuery({
    queryKey: [ws, 'challenge', idea.number],
    queryFn: () => api.challenge(ws, idea.number),
  });
  const save = useMutation({
    mutationFn: (economics: EconomicsFields) => api.updateIdea(ws, idea.number, { version: idea.version, economics }),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      setDraft(draftOf(saved.economics ?? {}));
      void queryClient.invalidateQueries({ queryKey: [ws, 'challenge', idea.number] });
      void queryClient.invalidateQueries({ queryKey: [ws, 'ideas'] });
      showToast(`Economics of #${saved.number} saved.`);
    },
  });
  const errors = fieldErrors(save.error, own);
  const editable = can('contribute') && !idea.archivedAt;
  const findings = (challenge.data?.report.findings ?? []).filter(
    (f) => ECONOMICS_KINDS.includes(f.kind) || f.subject.startsWith('economics.'),
  );
  const base = readout.scenarios.base;
  const sizing = readout.sizing;

  return (
    <Page
      title={`#${idea.number} Economics`}
      lead={idea.title}
      wide
      actions={
        <>
          <Link className="button" href={`/ideas/${idea.number}`}>
            Back to the idea
          </Link>
          <Link className="button" href={`/ideas/${idea.number}/pmf`}>
            Product-market fit
          </Link>
        </>
      }
    >
      <section aria-labelledby={`${id}-unit`} className="section">
        <h2 id={`${id}-unit`}>Unit economics</h2>
        <p className="headline-figure" data-testid="ltv-cac">
          LTV/CAC <strong>{base.ltvToCac ?? '–'}</strong>
          {base.ltvToCac !== null ? ` (${base.ltvToCac >= 3 ? 'at or above' : 'below'} 3)` : ''}, payback{' '}
          <strong>
            {base.neverPaysBack ? 'never' : base.paybackMonths === null ? '–' : `${base.paybackMonths} months`}
          </strong>
        </p>
        <ScrollRegion label="Unit economics by scenario">
          <table className="table">
            <caption className="visually-hidden">Unit economics by scenario</caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                {SCENARIOS.map((s) => (
                  <th key={s} scope="col" className="num">
                    {s[0]!.toUpperCase() + s.slice(1)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(
                [
                  ['Contribution margin a month', (u) => money(u.contributionMarginMonthly)],
                  ['Expected lifetime (months)', (u) => u.expectedLifetimeMonths ?? '–'],
                  ['LTV', (u) => money(u.ltv)],
                  ['LTV/CAC', (u) => u.ltvToCac ?? '–'],
                  ['Payback (months)', (u) => (u.neverPaysBack ? 'never' : (u.paybackMonths ?? '–'))],
                ] as [string, (u: typeof base) => string | number][]
              ).map(([label, f]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {SCENARIOS.map((s) => (
                    <td key={s} className="num">
                      {f(readout.scenarios[s])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        {base.missing.length ? (
          <p className="muted small">
            Missing for the base figures:{' '}
            {base.missing.map((m) => ECONOMICS_INPUT_NAMES[m as EconomicsInput] ?? m).join(', ')}.
          </p>
        ) : null}
        {readout.channels.length ? (
          <p className="small">
            Blended CAC {money(readout.blendedCac)} from{' '}
            {readout.channels
              .map((c) => `${c.channel} ${money(c.cac)} (${formatShare(c.share)}, LTV/CAC ${c.ltvToCac ?? '–'})`)
              .join('; ')}
            .
          </p>
        ) : null}
        {readout.assumptions.length ? (
          <p className="small">
            Resting on assumptions (on the assumption map):{' '}
            {readout.assumptions.map((k) => ECONOMICS_INPUT_NAMES[k as EconomicsInput]).join(', ')}.
          </p>
        ) : null}
        {readout.unsourced.length ? (
          <p className="small muted">
            Neither sourced nor marked as an assumption:{' '}
            {readout.unsourced.map((k) => ECONOMICS_INPUT_NAMES[k as EconomicsInput]).join(', ')}.
          </p>
        ) : null}
      </section>

      <section aria-labelledby={`${id}-market`} className="section">
        <h2 id={`${id}-market`}>Market sizing</h2>
        <div className="sizing-sides">
          <div>
            <h3>Top-down</h3>
            {sizing.topDown ? (
              <dl className="facts">
                <div>
                  <dt>TAM</dt>
                  <dd>{formatMoneyShort(sizing.topDown.tam, currency)}</dd>
                </div>
                <div>
                  <dt>SAM</dt>
                  <dd>{sizing.topDown.sam === null ? '–' : formatMoneyShort(sizing.topDown.sam, currency)}</dd>
                </div>
                <div>
                  <dt>SOM</dt>
                  <dd>{sizing.topDown.som === null ? '–' : formatMoneyShort(sizing.topDown.som, currency)}</dd>
                </div>
              </dl>
            ) : (
              <p className="muted">Not sized top-down.</p>
            )}
          </div>
          <div>
            <h3>Bottom-up</h3>
            {sizing.bottomUp ? (
              <dl className="facts">
                <div>
                  <dt>A year</dt>
                  <dd>{formatMoneyShort(sizing.bottomUp.annual, currency)}</dd>
                </div>
              </dl>
            ) : (
              <p className="muted">Not sized bottom-up: count buyers × price × purchases a year.</p>
            )}
          </div>
          <div>
            <h3>Ratio</h3>
            <p data-testid="sizing-ratio">
              {sizing.ratio === null ? 'Needs both ways.' : `Top-down is ${sizing.ratio} × bottom-up.`}
            </p>
          </div>
        </div>
        {sizing.explanation.map((line) => (
          <p key={line} className="small">
            {line}
          </p>
        ))}
      </section>

      <section aria-labelledby={`${id}-challenger`} className="section">
        <h2 id={`${id}-challenger`}>What the challenger says about them</h2>
        {challenge.isPending ? (
          <Loading what="the challenger's findings" />
        ) : challenge.error ? (
          <ErrorBox error={challenge.error} retry={() => challenge.refetch()} />
        ) : findings.length === 0 ? (
          <p data-testid="economics-findings">No finding on the economics or the market size.</p>
        ) : (
          <ul data-testid="economics-findings" className="findings">
            {findings.map((f) => (
              <li key={f.id}>
                <strong>{f.title}</strong>: {f.explanation} <em>{f.next}</em>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby={`${id}-edit`} className="section">
        <h2 id={`${id}-edit`}>Edit</h2>
        {!editable ? (
          <NotAllowed permission="contribute" to="edit the economics" />
        ) : (
          <form
            className="stack card-panel"
            aria-label={`Economics of idea #${idea.number}`}
            noValidate
            onSubmit={(ev) => {
              ev.preventDefault();
              const { value, errors: found } = economicsOf(draft, e);
              setOwn(found);
              if (Object.values(found).some(Boolean)) return;
              save.mutate(value);
            }}
          >
            <InputField
              label="Currency (ISO code)"
              value={draft.currency}
              maxLength={3}
              onChange={(ev) => setDraft({ ...draft, currency: ev.target.value })}
              error={errors.currency}
            />
            <ScrollRegion label="Inputs by scenario">
              <table className="table">
                <caption>Inputs: the base, and what changes in the other scenarios (blank: as the base)</caption>
                <thead>
                  <tr>
                    <th scope="col">Input</th>
                    {SCENARIOS.map((s) => (
                      <th key={s} scope="col">
                        {s}
                      </th>
                    ))}
                    <th scope="col">Basis</th>
                    <th scope="col">Source or why</th>
                  </tr>
                </thead>
                <tbody>
                  {ECONOMICS_INPUTS.map((k) => (
                    <tr key={k}>
                      <th scope="row">{LABEL[k]}</th>
                      {SCENARIOS.map((s) => (
                        <td key={s}>
                          <input
                            aria-label={`${LABEL[k]} (${s})`}
                            inputMode="decimal"
                            value={draft.inputs[s][k]}
                            disabled={k === 'cac' && s === 'base' && draft.channels.length > 0}
                            aria-invalid={errors[`${s}.${k}`] ? true : undefined}
                            onChange={(ev) =>
                              setDraft({
                                ...draft,
                                inputs: { ...draft.inputs, [s]: { ...draft.inputs[s], [k]: ev.target.value } },
                              })
                            }
                          />
                        </td>
                      ))}
                      <td>
                        <select
                          aria-label={`${LABEL[k]}: basis`}
                          value={draft.basis[k].kind}
                          onChange={(ev) =>
                            setDraft({
                              ...draft,
                              basis: {
                                ...draft.basis,
                                [k]: {
                                  ...draft.basis[k],
                                  kind: ev.target.value as Draft['basis'][EconomicsInput]['kind'],
                                },
                              },
                            })
                          }
                        >
                          <option value="">not said</option>
                          <option value="source">source</option>
                          <option value="assumption">assumption</option>
                        </select>
                      </td>
                      <td>
                        <input
                          aria-label={`${LABEL[k]}: source or why`}
                          value={draft.basis[k].note}
                          maxLength={300}
                          onChange={(ev) =>
                            setDraft({
                              ...draft,
                              basis: { ...draft.basis, [k]: { ...draft.basis[k], note: ev.target.value } },
                            })
                          }
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
            {Object.entries(errors)
              .filter(([k, v]) => v && /^(pessimistic|base|optimistic)\./.test(k))
              .map(([k, v]) => (
                <p key={k} className="field-error" role="alert">
                  {v}
                </p>
              ))}

            <fieldset>
              <legend>CAC by channel (the base CAC is their blend)</legend>
              {draft.channels.map((c, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
                <div key={i} className="row">
                  <InputField
                    label={`Channel ${i + 1}`}
                    value={c.channel}
                    maxLength={80}
                    error={errors[`channel.${i}`]}
                    onChange={(ev) => setChannel(i, { channel: ev.target.value })}
                  />
                  <InputField
                    label={`Channel ${i + 1} CAC`}
                    inputMode="decimal"
                    value={c.cac}
                    onChange={(ev) => setChannel(i, { cac: ev.target.value })}
                  />
                  <InputField
                    label={`Channel ${i + 1} share of new customers %`}
                    inputMode="decimal"
                    value={c.share}
                    onChange={(ev) => setChannel(i, { share: ev.target.value })}
                  />
                  <button
                    type="button"
                    className="button"
                    onClick={() => setDraft({ ...draft, channels: draft.channels.filter((_, j) => j !== i) })}
                  >
                    Remove channel {i + 1}
                  </button>
                </div>
              ))}
              <button
                type="button"
                className="button"
                onClick={() =>
                  setDraft({ ...draft, channels: [...draft.channels, { channel: '', cac: '', share: '' }] })
                }
              >
                Add a channel
              </button>
            </fieldset>

            <fieldset>
              <legend>Market size top-down: a total from a source, then shares of it</legend>
              <div className="row">
                <InputField
                  label="TAM"
                  inputMode="decimal"
                  value={draft.topDown.tam}
                  error={errors.tam}
                  onChange={(ev) => setTop({ tam: ev.target.value })}
                />
                <InputField
                  label="TAM source"
                  value={draft.topDown.tamSource}
                  maxLength={300}
                  onChange={(ev) => setTop({ tamSource: ev.target.value })}
                />
              </div>
              <div className="row">
                <InputField
                  label="SAM as % of TAM"
                  inputMode="decimal"
                  value={draft.topDown.samShare}
                  error={errors.samShare}
                  onChange={(ev) => setTop({ samShare: ev.target.value })}
                />
                <InputField
                  label="SAM source"
                  value={draft.topDown.samSource}
                  maxLength={300}
                  onChange={(ev) => setTop({ samSource: ev.target.value })}
                />
              </div>
              <div className="row">
                <InputField
                  label="SOM as % of SAM"
                  inputMode="decimal"
                  value={draft.topDown.somShare}
                  error={errors.somShare}
                  onChange={(ev) => setTop({ somShare: ev.target.value })}
                />
                <InputField
                  label="SOM source"
                  value={draft.topDown.somSource}
                  maxLength={300}
                  onChange={(ev) => setTop({ somSource: ev.target.value })}
                />
              </div>
            </fieldset>
            <fieldset>
              <legend>Market size bottom-up: buyers × price × purchases a year</legend>
              {errors.bottomUp ? (
                <p className="field-error" role="alert">
                  {errors.bottomUp}
                </p>
              ) : null}
              <div className="row">
                <InputField
                  label="Buyers"
                  inputMode="numeric"
                  value={draft.bottomUp.buyers}
                  error={errors.buyers}
                  onChange={(ev) => setBottom({ buyers: ev.target.value })}
                />
                <InputField
                  label="Buyers source"
                  value={draft.bottomUp.buyersSource}
                  maxLength={300}
                  onChange={(ev) => setBottom({ buyersSource: ev.target.value })}
                />
              </div>
              <div className="row">
                <InputField
                  label="Price a purchase"
                  inputMode="decimal"
                  value={draft.bottomUp.price}
                  onChange={(ev) => setBottom({ price: ev.target.value })}
                />
                <InputField
                  label="Price source"
                  value={draft.bottomUp.priceSource}
                  maxLength={300}
                  onChange={(ev) => setBottom({ priceSource: ev.target.value })}
                />
              </div>
              <div className="row">
                <InputField
                  label="Purchases a year"
                  inputMode="decimal"
                  value={draft.bottomUp.frequencyPerYear}
                  error={errors.frequencyPerYear}
                  onChange={(ev) => setBottom({ frequencyPerYear: ev.target.value })}
                />
                <InputField
                  label="Purchases source"
                  value={draft.bottomUp.frequencySource}
                  maxLength={300}
                  onChange={(ev) => setBottom({ frequencySource: ev.target.value })}
                />
              </div>
            </fieldset>
            <FormError error={save.error} />
            <div>
              <button type="submit" className="button button-primary" disabled={save.isPending}>
                Save economics
              </button>
            </div>
          </form>
        )}
      </section>
    </Page>
  );

  function setChannel(i: number, patch: Partial<Channel>) {
    setDraft({ ...draft, channels: draft.channels.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  }
  function setTop(patch: Partial<Draft['topDown']>) {
    setDraft({ ...draft, topDown: { ...draft.topDown, ...patch } });
  }
  function setBottom(patch: Partial<Draft['bottomUp']>) {
    setDraft({ ...draft, bottomUp: { ...draft.bottomUp, ...patch } });
  }
}
