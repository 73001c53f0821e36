// Generated workspaces for the latency benchmarks: N ideas written straight into the table in batches (the
// import path costs ~1 s per 1,000 scored ideas, too slow for 100k), with titles and descriptions drawn
// from a few hundred product words so that trigram searches see a realistic spread of matches, not the
// near-identical titles of the import benchmark.
import { eq, sql } from 'drizzle-orm';
import { newId } from '../src/app/context.ts';
import { createWorkspace, findWorkspace } from '../src/app/workspaces.ts';
import type { Store } from '../src/store/database.ts';
import { ideas, workspaces } from '../src/store/schema.ts';

const words = (s: string) => s.trim().split(/\s+/);
const VERBS = words(`
  automate track predict reconcile match export import schedule route notify approve audit forecast price bundle
  onboard verify escalate archive merge split batch sync quote invoice refund dispatch monitor rank label translate
  summarise detect flag review compare plan estimate assign balance benchmark book calculate cancel capture certify
  chart clean collect configure consolidate convert coordinate curate deduplicate delegate deliver deploy digitise
  discover display draft enrich enforce evaluate filter forward group guide highlight host integrate inventory
  lease locate log manage map measure meter migrate moderate negotiate nudge optimise order package pay personalise
  pilot prefill prioritise publish qualify recommend reconcile record recover redact register reimburse remind
  renew replay report request reroute reserve resolve restock retain reward score search segment share simulate
  sort source standardise stream subscribe suggest survey tag tender test trace train transfer triage upgrade
  upsell validate visualise weigh`);
const NOUNS = words(`
  invoices refunds shipments carriers drivers pallets docks quotes orders returns suppliers contracts renewals
  payouts fuel cards tolls routes loads trailers warehouses pickups deliveries claims disputes chargebacks
  subscriptions trials leads accounts tickets agents shifts rosters timesheets receipts budgets forecasts
  dashboards reports alerts webhooks permissions roles audits backups exports imports templates checklists
  inspections incidents outages releases features experiments surveys interviews personas segments cohorts churn
  pricing discounts coupons bundles tiers seats licences partners resellers marketplaces listings reviews ratings
  photos documents signatures appointments bookings calendars capacity containers customs declarations detention
  demurrage emissions equipment expenses freight fleets geofences hazmat holidays insurance inventory kpis lanes
  leases maintenance manifests margins meetings milestones mileage notifications onboarding overtime packaging
  parcels parking payments payroll penalties permits policies ports proofs purchases rates rebates reconciliations
  referrals reminders repairs reservations returns rewards risks samples schedules shortages slots spares stock
  storage surcharges tasks taxes temperatures tenders terminals tires trainings transfers trips tyres upgrades
  vehicles vendors visits vouchers wages waitlists warranties weights yards zones accruals allowances apis
  approvals assets attachments balances bills bonuses boxes brands breakdowns calls campaigns cases catalogues
  certificates channels comments commissions complaints contacts costs credits currencies customers deadlines
  deposits devices discrepancies drafts emails entries errors estimates events exceptions fees files forms goals
  handovers hours ids jobs journals keys labels ledgers licenses limits locations logins machines messages metrics
  notes offers orders passwords pins plans points prices products profiles projects promotions queries queues
  quotas records refills regions requests resources returns revenues rules sensors services sessions shelves
  skus sla specs statements suppliers tariffs teams terms tokens tolls tours trends units users vouchers workflows`);
const QUALIFIERS = words(`
  self-serve automatic real-time weekly monthly mobile offline bulk one-click smart shared public private guided
  instant scheduled predictive multi-currency multi-carrier cross-border daily nightly live manual digital paperless
  contactless green faster cheaper safer simpler unified central regional local global late overdue missing
  duplicate failed delayed recurring seasonal peak idle empty partial urgent priority premium basic free paid
  verified trusted anonymous`);
const AUDIENCES = words(`
  shippers carriers drivers dispatchers finance support-agents sales partners admins new-customers small-fleets
  enterprise-accounts brokers warehouse-staff planners auditors managers owner-operators accountants field-teams
  customers suppliers mechanics recruiters`).map((a) => `for ${a.replace('-', ' ')}`);

/** A small deterministic generator: the same workspace every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function ideaText(random: () => number) {
  // Skewed towards the first words of each list, as real vocabularies are (a few words are everywhere).
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() ** 1.5 * xs.length)]!;
  const parts = [pick(VERBS), pick(NOUNS)];
  if (random() < 0.6) parts.unshift(pick(QUALIFIERS));
  if (random() < 0.4) parts.push(random() < 0.5 ? `and ${pick(NOUNS)}` : `with ${pick(QUALIFIERS)} ${pick(NOUNS)}`);
  if (random() < 0.4) parts.push(pick(AUDIENCES));
  const title = parts.join(' ').replace(/^./, (c) => c.toUpperCase());
  // Descriptions of a few phrases in free order, so that ideas share words, as real ones do, without
  // sharing whole sentences.
  const FILLERS = ['today', 'often', 'because', 'when', 'so that', 'instead of', 'after', 'before', 'which', 'we'];
  const phrase = () =>
    [pick(FILLERS), random() < 0.5 ? pick(QUALIFIERS) : pick(AUDIENCES), pick(VERBS), pick(NOUNS)]
      .sort(() => random() - 0.5)
      .join(' ');
  const count = Math.floor(random() * 7); // 0-6 phrases: many ideas have no description
  const description = Array.from({ length: count }, phrase)
    .join(', ')
    .replace(/^./, (c) => c.toUpperCase());
  return { title, description };
}

/** Typical inputs of the duplicate warning: an existing title retyped loosely, half typed, or unrelated text. */
export function similarQueries(n: number, seed = 7): string[] {
  const random = prng(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const { title, description } = ideaText(random);
    const mode = i % 4;
    if (mode === 0) out.push(title);
    else if (mode === 1) out.push(title.slice(0, Math.max(8, Math.floor(title.length * 0.6))));
    else if (mode === 2) out.push(`${title.toLowerCase()} ${description}`.slice(0, 200));
    else out.push(title.replace(/e/g, '3').replace(/a/, 'e')); // typos
  }
  return out;
}

/** Creates workspace `slug` holding `n` ideas, 80 % of them scored, then refreshes the planner's statistics. */
export async function seedWorkspace(store: Store, slug: string, n: number): Promise<void> {
  await createWorkspace({ store }, { slug, name: slug });
  const ws = await findWorkspace(store.db, slug);
  const random = prng(n);
  const start = Date.UTC(2025, 0, 1);
  const batch = 1000;
  for (let from = 0; from < n; from += batch) {
    const rows = [];
    for (let i = from; i < Math.min(n, from + batch); i++) {
      const { title, description } = ideaText(random);
      const scored = random() < 0.8;
      const composite = scored ? Math.round((1 + random() * 4) * 100) / 100 : null;
      const at = new Date(start + i * 60_000);
      rows.push({
        id: newId(),
        workspaceId: ws.id,
        number: i + 1,
        title,
        description,
        tags: [VERBS[i % VERBS.length]!],
        stage: 'discovery' as const,
        channel: 'import' as const,
        scoreComposite: composite,
        scoreAdjusted: composite === null ? null : Math.round(composite * (0.5 + random() * 0.5) * 100) / 100,
        scoreCoverage: scored ? 1 : 0,
        scoreAssessors: scored ? 1 : 0,
        createdAt: at,
        updatedAt: at,
      });
    }
    await store.db.insert(ideas).values(rows);
  }
  // As the app's own inserts do: numbers 1..idea_counter are the workspace's ideas.
  await store.db.update(workspaces).set({ ideaCounter: n }).where(eq(workspaces.id, ws.id));
  await store.db.execute(sql`vacuum analyze ideas`);
}
