import nlp from 'compromise';
import { CHALLENGE_WORDS } from '../../methodology/index.ts';

/**
 * Text checks for the challenger, on top of the `compromise` English tagger: it splits words, expands
 * contractions, tags parts of speech (noun, verb, negative, value, place, ...) and gives root forms
 * ("switching" -> "switch"), so the checks below match on meaning-bearing words rather than raw characters.
 * Every check returns the phrase it matched, so a finding can quote it.
 */

export interface Token {
  text: string;
  normal: string;
  /** Root form (lemma) where the tagger knows one, else the normal form. */
  root: string;
  tags: ReadonlySet<string>;
  /** Punctuation after the word ("," "." ";" ...). */
  post: string;
  /** Sentence number, from 0. */
  sentence: number;
}

type RawTerm = { text: string; normal: string; post: string; tags?: Set<string>; root?: string; implicit?: string };

const cache = new Map<string, Token[]>();

export function tokens(text: string): Token[] {
  const hit = cache.get(text);
  if (hit) return hit;
  const doc = nlp(text);
  doc.compute('root');
  const out: Token[] = [];
  (doc.docs as unknown as RawTerm[][]).forEach((sentence, s) => {
    for (const t of sentence) {
      const normal = (t.implicit ?? t.normal ?? '').toLowerCase();
      if (!normal && !t.text) continue;
      out.push({
        text: t.text,
        normal,
        root: (t.root ?? normal).toLowerCase(),
        tags: t.tags ?? new Set(),
        post: t.post ?? '',
        sentence: s,
      });
    }
  });
  if (cache.size > 2000) cache.clear();
  cache.set(text, out);
  return out;
}

const words = (list: readonly string[]) => new Set(list.map((w) => w.toLowerCase()));
const SOLUTION = words(CHALLENGE_WORDS.solutionNouns);
const ABSENCE = words(CHALLENGE_WORDS.absenceWords);
const GENERIC_USERS = words(CHALLENGE_WORDS.genericUserNouns);
const UNIVERSAL = words(CHALLENGE_WORDS.universalWords);
const GENERIC_ADJ = words(CHALLENGE_WORDS.genericAdjectives);
const VAGUE_METRIC = words(CHALLENGE_WORDS.vagueMetricWords);
const COUNTABLE = words(CHALLENGE_WORDS.countableWords);
const HEDGES = words(CHALLENGE_WORDS.hedges);
const SUCCESS = words(CHALLENGE_WORDS.successWords);
const PROCEED = words(CHALLENGE_WORDS.proceedWords);
const HAVE = words(['have', 'has', 'had', 'offer', 'offers', 'provide', 'provides', 'exist', 'exists', 'use', 'uses']);
const RELATIVE = words(['who', 'that', 'which', 'whose', 'where']);

const isNoun = (t: Token) => t.tags.has('Noun') && !t.tags.has('Pronoun');
const breaks = (t: Token) => /[,.;:!?()]/.test(t.post);
const phraseOf = (ts: readonly Token[]) => ts.map((t) => t.text).join(' ');

/** True when the text holds a figure: a number, a percentage, a money amount. */
export function hasFigure(text: string | undefined | null): boolean {
  if (!text) return false;
  if (/\d/.test(text)) return true;
  return tokens(text).some((t) => t.tags.has('Value') && !['one', 'a', 'an'].includes(t.normal));
}

/** Does any word (root or normal form) of the text appear in the list? Multi-word entries match as phrases. */
export function mentions(text: string | undefined | null, list: readonly string[]): string | null {
  if (!text) return null;
  const ts = tokens(text);
  const single = new Set(list.filter((w) => !w.includes(' ')).map((w) => w.toLowerCase()));
  for (const t of ts) {
    if (single.has(t.root) || single.has(t.normal)) return t.text;
  }
  const lower = ` ${ts.map((t) => t.normal).join(' ')} `;
  for (const w of list) if (w.includes(' ') && lower.includes(` ${w.toLowerCase()} `)) return w;
  return null;
}

/**
 * Find a phrase that frames the problem as a missing thing: "no chatbot", "lack of an integrated tool",
 * "does not have a parking sensor network", "need a dashboard". `targets` are the nouns that count (solution
 * nouns by default). Between the trigger and the noun only determiners, adjectives, nouns and "of" may stand.
 */
export function absenceOf(
  text: string | undefined | null,
  targets: ReadonlySet<string> = SOLUTION,
): { phrase: string; noun: string } | null {
  if (!text) return null;
  const ts = tokens(text);
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    let start = -1;
    if (ABSENCE.has(t.normal) || ABSENCE.has(t.root)) start = i + 1;
    else if (t.tags.has('Negative')) {
      // "does not have", "don't have", "cannot use": skip one or two auxiliaries to the verb
      for (let j = i + 1; j <= Math.min(i + 2, ts.length - 1); j++) {
        if (HAVE.has(ts[j]!.normal) || HAVE.has(ts[j]!.root)) {
          start = j + 1;
          break;
        }
      }
    }
    if (start < 0 || breaks(t)) continue;
    for (let k = start; k < Math.min(start + 6, ts.length); k++) {
      const u = ts[k]!;
      const word = u.root || u.normal;
      if (targets.has(word) || targets.has(u.normal)) {
        // Quote the whole noun phrase: "a matching service", not "a matching".
        let end = k;
        while (end + 1 < ts.length && !breaks(ts[end]!) && isNoun(ts[end + 1]!) && !ts[end + 1]!.tags.has('ProperNoun'))
          end++;
        return { phrase: phraseOf(ts.slice(i, end + 1)), noun: u.normal };
      }
      const participle =
        u.tags.has('Verb') &&
        (u.tags.has('PastTense') || u.tags.has('Gerund')) &&
        !u.tags.has('Copula') &&
        !u.tags.has('Auxiliary');
      const allowed =
        u.normal === 'of' ||
        u.normal === 'any' ||
        u.tags.has('Determiner') ||
        u.tags.has('Adjective') ||
        u.tags.has('Possessive') ||
        u.tags.has('Value') ||
        participle ||
        isNoun(u);
      if (!allowed || breaks(u)) break;
    }
  }
  return null;
}

/** The nouns of a phrase, by root: used to see the idea's own product named as the missing thing. */
export function nounsOf(text: string | undefined | null): Set<string> {
  const out = new Set<string>();
  if (!text) return out;
  for (const t of tokens(text)) {
    if ((isNoun(t) || t.tags.has('Gerund')) && t.normal.length > 2 && !GENERIC_USERS.has(t.normal)) {
      out.add(t.root || t.normal);
      out.add(t.normal);
    }
  }
  return out;
}

/** The head of a "who" phrase: the words before the first preposition, relative pronoun or verb. */
function headOf(ts: readonly Token[]): Token[] {
  const head: Token[] = [];
  for (const t of ts) {
    if (t.tags.has('Preposition') || RELATIVE.has(t.normal)) break;
    if (t.tags.has('Verb') && !t.tags.has('Gerund') && !t.tags.has('Noun') && head.length > 0) break;
    head.push(t);
    if (/[;:()]/.test(t.post)) break;
  }
  return head;
}

/** Split the head of a "who" phrase into the segments it lists ("teachers, parents and students"). */
export function segmentsOf(text: string | undefined | null): string[] {
  if (!text) return [];
  const head = headOf(tokens(text));
  const segments: Token[][] = [[]];
  for (const t of head) {
    if (['and', 'or', '&', '/'].includes(t.normal)) {
      segments.push([]);
      continue;
    }
    segments[segments.length - 1]!.push(t);
    if (t.post.includes(',') || t.post.includes('/')) segments.push([]);
  }
  return segments.filter((s) => s.some(isNoun)).map(phraseOf);
}

/**
 * Whether a description of users names nobody in particular. Universal words ("everyone", "anyone") always do.
 * Otherwise a phrase whose head nouns are all generic ("users", "small businesses", "consumers") needs at least
 * two narrowing signals: a figure, a place or name, a qualifying phrase ("in Germany", "with 5-50 staff") or a
 * relative clause ("who file VAT quarterly"). A specific role noun ("bookkeepers", "charge nurses") narrows on its own.
 */
export function genericUsers(text: string | undefined | null): { why: string } | null {
  if (!text?.trim()) return null;
  const ts = tokens(text);
  // "all" and "any" are universal only before a generic noun ("all users"), not in "all UK dental practices".
  const universal = ts.find(
    (t) => UNIVERSAL.has(t.normal) && (t.normal === 'all' || t.normal === 'any' ? isGenericNext(ts, t) : true),
  );
  if (universal) {
    return { why: `"${universal.text}" names no one in particular` };
  }
  const head = headOf(ts);
  const headNouns = head.filter(isNoun);
  if (headNouns.length === 0) return null;
  const specificNoun = headNouns.find((t) => !GENERIC_USERS.has(t.normal) && !GENERIC_USERS.has(t.root));
  if (specificNoun) return null;
  let signals = 0;
  const seen: string[] = [];
  if (ts.some((t) => t.tags.has('Value') || /\d/.test(t.text))) {
    signals++;
    seen.push('a figure');
  }
  if (ts.some((t) => t.tags.has('Place') || t.tags.has('ProperNoun') || t.tags.has('Organization'))) {
    signals++;
    seen.push('a place or name');
  }
  // A relative clause, and a qualifying phrase outside it, each narrow once.
  const rel = ts.findIndex((t) => RELATIVE.has(t.normal));
  if (rel >= 0 && ts.slice(rel + 1, rel + 4).some((t) => t.tags.has('Verb'))) {
    signals++;
    seen.push('a relative clause');
  }
  const end = rel >= 0 ? rel : ts.length;
  for (let i = head.length; i < end - 1; i++) {
    if (ts[i]!.tags.has('Preposition') && ts.slice(i + 1, Math.min(end, i + 5)).some(isNoun)) {
      signals++;
      seen.push('a qualifying phrase');
      break;
    }
  }
  if (head.some((t) => t.tags.has('Adjective') && !GENERIC_ADJ.has(t.normal))) {
    signals++;
    seen.push('a qualifying adjective');
  }
  if (signals >= 2) return null;
  const heads = headNouns.map((t) => t.normal).join(' ');
  return {
    why:
      signals === 0
        ? `"${heads}" is a generic group with nothing that narrows it`
        : `"${heads}" is a generic group narrowed only by ${seen.join(' and ')}`,
  };
}

function isGenericNext(ts: readonly Token[], t: Token): boolean {
  const i = ts.indexOf(t);
  const next = ts.slice(i + 1, i + 3).find(isNoun);
  return next !== undefined && (GENERIC_USERS.has(next.normal) || GENERIC_USERS.has(next.root));
}

/** The first word that makes a metric vague, unless something in it can be counted. */
export function vagueMetric(metric: string): string | null {
  const ts = tokens(metric);
  if (/\d|%/.test(metric) || ts.some((t) => t.tags.has('Value'))) return null;
  if (ts.some((t) => COUNTABLE.has(t.normal) || COUNTABLE.has(t.root))) return null;
  const vague = ts.find((t) => VAGUE_METRIC.has(t.normal) || VAGUE_METRIC.has(t.root));
  return vague ? vague.normal : null;
}

/** A hedge that makes a hypothesis impossible to refute ("might", "could", "some users may"). */
export function hedgeIn(text: string): string | null {
  const ts = tokens(text);
  for (const t of ts) {
    if (!HEDGES.has(t.normal)) continue;
    if (t.normal === 'may' && t.tags.has('Date')) continue;
    return t.normal;
  }
  return null;
}

export function emptyFalsifier(text: string | undefined): boolean {
  if (text === undefined) return false;
  const v = text
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  return v === '' || (CHALLENGE_WORDS.emptyFalsifiers as readonly string[]).includes(v);
}

/**
 * A claim of success in a learning ("validated", "promising", "we will build it"), skipping negated words
 * ("not validated", "no success"). Returns the words that claim it.
 */
export function successClaim(text: string | undefined | null): string | null {
  if (!text) return null;
  const ts = tokens(text);
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    const negated = ts.slice(Math.max(0, i - 2), i).some((p) => p.tags.has('Negative') || p.normal === 'no');
    if (negated) continue;
    if (SUCCESS.has(t.normal)) return t.text;
    if (PROCEED.has(t.root) && t.tags.has('Verb')) {
      const before = ts.slice(Math.max(0, i - 3), i).map((p) => p.normal);
      if (before.includes('will') || before.includes('to') || before.includes("'ll")) return `will ${t.text}`;
    }
  }
  return null;
}

/** Belief or hearsay presented as evidence; returns the phrase. */
export function hearsay(text: string | undefined | null): string | null {
  if (!text) return null;
  const doc = nlp(text);
  for (const pattern of CHALLENGE_WORDS.hearsayPatterns) {
    const m = doc.match(pattern.trim());
    if (m.found) return m.text();
  }
  return null;
}

const LEXICON = (
  nlp as unknown as { world(): { model: { one: { lexicon: Record<string, string | string[]> } } } }
).world().model.one.lexicon;
const MONTHS =
  /^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)$/;
const WEEKDAYS = /^(mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;
const LEXICON_TAGS: Record<string, string[]> = {
  City: ['Place', 'City'],
  Country: ['Place', 'Country'],
  Region: ['Place', 'Region'],
  Place: ['Place'],
  FirstName: ['Person'],
  LastName: ['Person'],
  MaleName: ['Person'],
  FemaleName: ['Person'],
  Person: ['Person'],
  Organization: ['Organization'],
  Honorific: ['Honorific'],
  Demonym: ['Demonym'],
  WeekDay: ['WeekDay'],
  Month: ['Month'],
};
const light = new Map<string, Token[]>();

/**
 * Tokens of a short label (an evidence source) from the tagger's lexicon alone: words, their punctuation, and
 * what the lexicon knows of each word (places, first and last names, organisations, honorifics, months). No
 * sentence-level tagging: a source is a name plus a few words, and this costs a hundredth of a tagger pass,
 * which matters with a thousand sources.
 */
export function lightTokens(text: string): Token[] {
  const hit = light.get(text);
  if (hit) return hit;
  const out: Token[] = [];
  const re = /([\p{L}\p{N}#][\p{L}\p{N}'’&._/-]*)([^\p{L}\p{N}#]*)/gu;
  let sentence = 0;
  for (const m of text.matchAll(re)) {
    let word = m[1]!;
    let post = m[2] ?? '';
    // A trailing full stop is punctuation ("Dr." keeps its word "Dr"), an inner one part of the word ("2.1").
    if (word.endsWith('.')) {
      word = word.replace(/\.+$/, '');
      post = `.${post}`;
    }
    const normal = word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’]/g, "'");
    const tags = new Set<string>();
    const entry = LEXICON[normal.replace(/'s$/, '')];
    for (const tag of Array.isArray(entry) ? entry : entry ? [entry] : [])
      for (const t of LEXICON_TAGS[tag] ?? []) tags.add(t);
    if (/^\p{Lu}/u.test(word) && normal.split('-').every((part) => MONTHS.test(part))) tags.add('Month');
    if (WEEKDAYS.test(normal) && /^\p{Lu}/u.test(word)) tags.add('WeekDay');
    if (/\d/.test(word)) tags.add('Value');
    out.push({ text: word, normal, root: normal, tags, post, sentence });
    if (/[.!?]\s/.test(post)) sentence++;
  }
  if (light.size > 5000) light.clear();
  light.set(text, out);
  return out;
}

const HONORIFICS = new Set(['dr', 'dr.', 'prof', 'prof.', 'mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'sir', 'dame']);

/**
 * The names in an evidence source: runs of capitalised words (organisations, people), leaving out places,
 * nationalities, dates, honorifics and short abbreviations such as "CFO"; a lone capitalised first word counts
 * only when the tagger knows it as a name. Null when the source names nobody.
 */
export function sourceNames(source: string): string[] | null {
  const ts = lightTokens(source);
  const runs: { words: Token[]; start: number }[] = [];
  let run: Token[] = [];
  let runStart = 0;
  const flush = () => {
    if (run.length) runs.push({ words: run, start: runStart });
    run = [];
  };
  // Capitalised words right after "in" name a place ("a designer in Haarlem-Noord"), even one the tagger does not know.
  let place = false;
  ts.forEach((t, i) => {
    const capitalised = /^\p{Lu}/u.test(t.text);
    place = capitalised && (place || (i > 0 && ts[i - 1]!.normal === 'in' && !breaks(ts[i - 1]!)));
    const excluded =
      place ||
      HONORIFICS.has(t.normal) ||
      t.tags.has('Honorific') ||
      t.tags.has('Acronym') ||
      /^[A-Z0-9]{1,4}$/.test(t.text) ||
      /\d/.test(t.text) ||
      ['Demonym', 'Place', 'Country', 'City', 'Region', 'Date', 'Month', 'WeekDay'].some((tag) => t.tags.has(tag));
    const capital = /^\p{Lu}/u.test(t.text);
    if (capital && !excluded) {
      if (run.length === 0) runStart = i;
      run.push(t);
    } else if (!(HONORIFICS.has(t.normal) || t.tags.has('Honorific'))) flush();
    if (breaks(t) && !HONORIFICS.has(t.normal)) flush();
  });
  flush();
  const names = runs
    .filter(
      (r) =>
        r.words.length > 1 || r.start > 0 || r.words[0]!.tags.has('Person') || r.words[0]!.tags.has('Organization'),
    )
    .map((r) => r.words.map((w) => w.normal.replace(/[.]$/, '')).join(' '));
  return names.length ? [...new Set(names)].sort() : null;
}

/** Who a piece of evidence comes from: its names, the numbers that tell places or people apart, and a key. */
export interface SourceIdentity {
  /** Equal keys are the same source. */
  key: string;
  names: string[] | null;
  /** Numbers that identify ("clinic 3", "store #12"), not dates or years; sorted. */
  numbers: string[];
}

const DATE_TAGS = ['Date', 'Month', 'WeekDay', 'Year', 'Time'];
const isDateLike = (t: Token) =>
  DATE_TAGS.some((tag) => t.tags.has(tag)) ||
  /^(19|20)\d\d$/.test(t.normal) ||
  /^\d{4}-\d{1,2}(-\d{1,2})?$/.test(t.normal) ||
  /^\d{1,2}[./]\d{1,2}([./]\d{2,4})?$/.test(t.normal) ||
  /^\d{1,2}(st|nd|rd|th)$/.test(t.normal);

const identities = new Map<string, SourceIdentity>();

/**
 * A source's identity, computed once per distinct text. Names are kept ("Nordwind Logistics (COO interview)" and
 * "Nordwind Logistics dispatch workshop" share them), and so are numbers that tell sources apart: "Interview,
 * clinic 3" and "Interview, clinic 7" are two sources. Dates and years are left out: the same customer on two
 * days is one source.
 */
export function sourceIdentity(source: string): SourceIdentity {
  const hit = identities.get(source);
  if (hit) return hit;
  const ts = lightTokens(source);
  const numbers = [
    ...new Set(
      ts
        .filter((t) => /\d/.test(t.normal) && !isDateLike(t))
        .map((t) => t.normal.replace(/^#/, '').replace(/^0+(?=\d)/, '')),
    ),
  ].sort();
  const names = sourceNames(source);
  const key = names
    ? `${names.join(' + ')}${numbers.length ? ` #${numbers.join(',')}` : ''}`
    : ts
        .filter((t) => t.normal && !isDateLike(t))
        .map((t) => t.normal.replace(/^#/, '').replace(/^0+(?=\d)/, ''))
        .join(' ');
  const identity = { key, names, numbers };
  if (identities.size > 5000) identities.clear();
  identities.set(source, identity);
  return identity;
}

/** The key of a source (see `sourceIdentity`). */
export const sourceKey = (source: string): string => sourceIdentity(source).key;

const nameMatch = (a: string, b: string) => {
  const ta = a.split(' ');
  const tb = b.split(' ');
  return ta.every((w) => tb.includes(w)) || tb.every((w) => ta.includes(w));
};

/** Same source: equal keys, or the same numbers and the same names allowing for a shorter form. */
export function sameIdentity(a: SourceIdentity, b: SourceIdentity): boolean {
  if (a.key === b.key) return true;
  if (!a.names || !b.names || a.numbers.join(',') !== b.numbers.join(',')) return false;
  const na = a.names;
  const nb = b.names;
  return na.every((x) => nb.some((y) => nameMatch(x, y))) && nb.every((y) => na.some((x) => nameMatch(x, y)));
}

/**
 * Whether two sources are the same: equal keys, or the same names allowing for a shorter form ("Dr Santos" and
 * "Dr. Maria Santos"). A source naming two organisations is not the same as one naming only one of them, and
 * "clinic 3" is not "clinic 7".
 */
export const sameSource = (a: string, b: string): boolean => sameIdentity(sourceIdentity(a), sourceIdentity(b));

/**
 * Groups sources in near-linear time: each source is compared only with earlier groups that share its numbers and
 * a word of its names, never with every other source. Returns, per source, the key of the first source it is
 * the same as.
 */
export function sourceGrouper(): (source: string) => string {
  const byKey = new Map<string, string>();
  const byWord = new Map<string, { identity: SourceIdentity; key: string }[]>();
  return (source) => {
    const identity = sourceIdentity(source);
    const known = byKey.get(identity.key);
    if (known !== undefined) return known;
    const numbers = identity.numbers.join(',');
    const words = [...new Set((identity.names ?? []).flatMap((n) => n.split(' ')))];
    let key = identity.key;
    search: for (const w of words) {
      for (const g of byWord.get(`${numbers}|${w}`) ?? []) {
        if (sameIdentity(g.identity, identity)) {
          key = g.key;
          break search;
        }
      }
    }
    byKey.set(identity.key, key);
    if (key === identity.key) {
      for (const w of words) {
        const slot = `${numbers}|${w}`;
        const list = byWord.get(slot);
        if (list) list.push({ identity, key });
        else byWord.set(slot, [{ identity, key }]);
      }
    }
    return key;
  };
}

const STATED = [...CHALLENGE_WORDS.statedNotDoneWords]
  .sort((a, b) => b.length - a.length)
  .map((w) => ({ w, re: new RegExp(`(^|[^\\p{L}])${w.replace(/ /g, '\\s+')}($|[^\\p{L}])`, 'iu') }));

/**
 * Words that report talk or intent rather than behaviour ("said they would pay", "might switch"), or null. Plain
 * word matching, no tagger: it runs on every piece of evidence labelled as behaviour, however many there are.
 */
export function statedNotDone(text: string | undefined | null): string | null {
  if (!text) return null;
  for (const { w, re } of STATED) if (re.test(text)) return w;
  return null;
}
