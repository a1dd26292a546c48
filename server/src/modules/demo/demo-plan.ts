import { DEFAULT_CADENCE_DAYS, type Sentiment, type Source, type Stage } from '@rapport/shared/domain/enums';
import { followUpWindow } from '@rapport/shared/domain/follow-ups';
import { seededRandom } from './demo-random';
import type { DemoContact, DemoPlan, DemoReferral, DemoReminder, DemoStageChange, DemoTouchpoint } from './demo-rows';
import { TOUCH_TEMPLATES, firstTouchFor, socialPlatform, type TouchContext } from './demo-touches';
import {
  COMPANIES, CONTACT_NOTES, EVENTS, FIRST_NAMES, LAST_NAMES, PERSONAL_DOMAINS, REMINDER_NOTES, TAGS_BY_KIND, TITLES,
  type Company,
} from './demo-words';

export type { DemoPlan } from './demo-rows';

/**
 * The demo workspace as rows to insert: ~80 contacts over the four stages with stage histories
 * that end in their current stage, six months of touchpoints on every channel, three referral
 * chains (one A → B → C), and overdue / today / upcoming / done reminders. Pure: the same seed,
 * "now" and members give the same plan (ids come from `newId`).
 */

export const DEMO_SEED = 20_261_122;
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Contacts per current stage (80 in all). */
export const DEMO_STAGE_COUNTS: Record<Stage, number> = { stranger: 26, friend: 24, customer: 20, evangelist: 10 };
/** How many friends are former customers (a stage history that goes back down). */
const LOST_CUSTOMERS = 2;
/** Strangers whose last touch is an inbound DM: the board suggests making them friends. */
const STRANGERS_REACHING_OUT = 3;

export interface DemoPlanInput {
  now: Date;
  ownerId: string;
  repId: string;
  /** The owner's zone: "today" reminders are placed inside today there. */
  timeZone: string;
  newId: () => string;
  seed?: number;
}

/** A contact being planned: its identity plus the story its rows are generated from. */
interface Draft {
  contact: DemoContact;
  firstName: string;
  /** Stages from stranger on, ending in the current one (a lost customer goes back down). */
  path: Stage[];
  /** Days ago of each move after creation (path[i] → path[i + 1]), oldest first. */
  moves: number[];
  createdDaysAgo: number;
  /** Days ago of the latest touch; null = never touched. */
  lastTouchDaysAgo: number | null;
  touchCount: number;
  platform: string;
  reachingOut: boolean;
}

/** A referral story: who, when (days ago) and the fixed timelines that make it consistent. */
interface StoryContact {
  key: string;
  path: Stage[];
  createdDaysAgo: number;
  moves: number[];
}
const STORY: readonly StoryContact[] = [
  { key: 'A', path: ['stranger', 'friend', 'customer', 'evangelist'], createdDaysAgo: 175, moves: [160, 135, 80] },
  { key: 'B', path: ['stranger', 'friend', 'customer', 'evangelist'], createdDaysAgo: 110, moves: [100, 75, 20] },
  { key: 'C', path: ['stranger', 'friend', 'customer'], createdDaysAgo: 45, moves: [38, 15] },
  { key: 'D', path: ['stranger', 'friend', 'customer', 'evangelist'], createdDaysAgo: 165, moves: [150, 120, 60] },
  { key: 'E', path: ['stranger', 'friend', 'customer'], createdDaysAgo: 95, moves: [85, 50] },
  { key: 'F', path: ['stranger', 'friend'], createdDaysAgo: 55, moves: [35] },
  { key: 'G', path: ['stranger', 'friend', 'customer'], createdDaysAgo: 140, moves: [120, 70] },
  { key: 'H', path: ['stranger', 'friend'], createdDaysAgo: 25, moves: [12] },
];
/** Chains: A → B → C; D → E and D → F (F later also recommended by A); G → H (G: a customer to promote). */
const STORY_REFERRALS: readonly { from: string; to: string; daysAgo: number; note: string | null }[] = [
  { from: 'A', to: 'B', daysAgo: 110, note: 'Recommended us for their office breakfasts' },
  { from: 'B', to: 'C', daysAgo: 45, note: 'Said our sourdough is the best in town' },
  { from: 'D', to: 'E', daysAgo: 95, note: 'Introduced us at the spring wedding fair' },
  { from: 'D', to: 'F', daysAgo: 55, note: null },
  { from: 'A', to: 'F', daysAgo: 40, note: 'Also mentioned us to them at a networking lunch' },
  { from: 'G', to: 'H', daysAgo: 25, note: 'Brought a friend to our open-kitchen evening' },
];

const PLATFORM_LABELS: Record<string, string> = { linkedin: 'LinkedIn', instagram: 'Instagram', x: 'X', facebook: 'Facebook' };
const platformLabel = (platform: string) => PLATFORM_LABELS[platform] ?? platform;
const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');

export function buildDemoPlan(input: DemoPlanInput): DemoPlan {
  const rng = seededRandom(input.seed ?? DEMO_SEED);
  const now = input.now.getTime();
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY);
  const members = [input.ownerId, input.repId];
  const other = (id: string) => (id === input.ownerId ? input.repId : input.ownerId);
  const usedNames = new Set<string>();

  function identity(finalStage: Stage, referred: boolean, stageIndex: number): Omit<DemoContact, 'createdAt' | 'updatedAt' | 'stageChangedAt' | 'stage'> & { firstName: string; platform: string } {
    let first: string, last: string;
    do {
      first = rng.pick(FIRST_NAMES);
      last = rng.pick(LAST_NAMES);
    } while (usedNames.has(`${first} ${last}`));
    usedNames.add(`${first} ${last}`);
    const company: Company | null = rng.chance(0.7) ? rng.pick(COMPANIES) : null;
    const kind = company?.kind ?? 'private';
    const platform = socialPlatform(rng);
    const handles: Record<string, string> = {};
    if (company && rng.chance(0.6)) handles.linkedin = `https://www.linkedin.com/in/${ascii(first)}-${ascii(last)}`;
    if (rng.chance(0.55)) handles.instagram = `@${ascii(first)}${rng.chance(0.5) ? '.' : '_'}${ascii(last)}`;
    if (rng.chance(0.2)) handles.x = `@${ascii(first)}_${ascii(last).slice(0, 3)}`;
    const buying = finalStage === 'customer' || finalStage === 'evangelist';
    const tags = rng.sample(TAGS_BY_KIND[kind], rng.int(1, 3));
    if (buying && rng.chance(0.2)) tags.push('vip');
    const wholesale = kind === 'cafe' || kind === 'restaurant' || kind === 'hotel' || kind === 'retail';
    const source: Source = referred
      ? 'referral'
      : rng.weighted<Source>([['social', 30], ['event', 22], ['website', 16], ['outreach', 16], ['import', 8], ['other', 8]]);
    const sourceDetail =
      source === 'social' ? platform
      : source === 'event' ? rng.pick(EVENTS).replace(/^the /, '')
      : source === 'website' ? rng.pick(['contact form', 'online order page'])
      : source === 'outreach' ? rng.pick(['cold email', 'walk-in visit', 'sample drop-off'])
      : null;
    const ownerId = stageIndex % 5 < 3 ? input.ownerId : input.repId;
    return {
      id: input.newId(),
      firstName: first,
      platform,
      name: `${first} ${last}`,
      email: rng.chance(0.85) ? `${ascii(first)}.${ascii(last)}@${company?.domain ?? rng.pick(PERSONAL_DOMAINS)}` : null,
      phone: rng.chance(0.6) ? `+1 415 555 01${String(rng.int(0, 99)).padStart(2, '0')}` : null,
      company: company?.name ?? null,
      title: company ? rng.pick(TITLES[company.kind]) : null,
      handles,
      tags,
      ownerId,
      source,
      sourceDetail,
      referredById: null,
      // Money in minor units: wholesale accounts are worth more than a birthday cake.
      value: buying ? (wholesale ? rng.int(24, 180) : rng.int(2, 18)) * 5_000 : null,
      notes: rng.chance(0.3) ? rng.pick(CONTACT_NOTES) : null,
      keepInTouchDays: null,
    };
  }

  function cadenceOf(draft: { stage: Stage; keepInTouchDays: number | null }): number | null {
    return draft.keepInTouchDays ?? DEFAULT_CADENCE_DAYS[draft.stage];
  }

  // 1. Who: the story contacts first, then the rest of each stage.
  const drafts: Draft[] = [];
  const byKey = new Map<string, Draft>();
  const referredKeys = new Set(STORY_REFERRALS.map((r) => r.to));
  const remaining = { ...DEMO_STAGE_COUNTS };
  for (const s of STORY) {
    const stage = s.path.at(-1)!;
    remaining[stage]--;
    const id = identity(stage, referredKeys.has(s.key), drafts.length);
    const contact = finishContact(id, stage);
    const draft: Draft = {
      contact, firstName: id.firstName, platform: id.platform, path: s.path, moves: s.moves, createdDaysAgo: s.createdDaysAgo,
      lastTouchDaysAgo: rng.between(0.2, Math.min(8, s.moves.at(-1)! - 1)), touchCount: touchCountFor(stage), reachingOut: false,
    };
    drafts.push(draft);
    byKey.set(s.key, draft);
  }
  let lost = LOST_CUSTOMERS;
  let reachingOut = STRANGERS_REACHING_OUT;
  for (const stage of ['evangelist', 'customer', 'friend', 'stranger'] as const) {
    for (let i = 0; i < remaining[stage]; i++) {
      const id = identity(stage, false, drafts.length);
      const contact = finishContact(id, stage);
      const path: Stage[] =
        stage === 'friend' && lost-- > 0 ? ['stranger', 'friend', 'customer', 'friend']
        : (['stranger', 'friend', 'customer', 'evangelist'] as const).slice(0, ['stranger', 'friend', 'customer', 'evangelist'].indexOf(stage) + 1);
      if (path.length === 4 && stage === 'friend') contact.value = rng.int(4, 40) * 5_000;
      drafts.push(planTimeline(contact, id.firstName, id.platform, path, stage === 'stranger' && reachingOut-- > 0));
    }
  }
  // A few VIP accounts are kept in closer touch than the stage default.
  for (const d of drafts.filter((d) => d.contact.stage === 'customer' && d.contact.tags.includes('vip')).slice(0, 3)) {
    d.contact.keepInTouchDays = 14;
  }

  function finishContact(id: ReturnType<typeof identity>, stage: Stage): DemoContact {
    const { firstName: _f, platform: _p, ...rest } = id;
    void _f; void _p;
    return { ...rest, stage, createdAt: new Date(now), updatedAt: new Date(now), stageChangedAt: new Date(now) };
  }

  function touchCountFor(stage: Stage): number {
    switch (stage) {
      case 'stranger': return rng.weighted([[0, 2], [1, 3], [2, 3], [3, 2]]);
      case 'friend': return rng.int(3, 7);
      case 'customer': return rng.int(5, 11);
      case 'evangelist': return rng.int(8, 14);
    }
  }

  /** Creation, stage moves and last touch for a non-story contact, in days ago. */
  function planTimeline(contact: DemoContact, firstName: string, platform: string, path: Stage[], reaching: boolean): Draft {
    const moves = path.length - 1;
    const createdDaysAgo = rng.between(6 + 14 * moves, 178);
    const touchCount = touchCountFor(contact.stage);
    const cadence = cadenceOf(contact);
    let lastTouchDaysAgo: number | null = null;
    if (touchCount > 0) {
      const coldChance = contact.stage === 'stranger' ? 0 : contact.stage === 'evangelist' ? 0.15 : 0.3;
      const cold = cadence !== null && rng.chance(coldChance) ? cadence + rng.between(3, 35) : null;
      if (cold !== null && createdDaysAgo - cold - 2 >= 4 * moves) {
        lastTouchDaysAgo = cold;
      } else {
        const warmLimit = cadence === null ? createdDaysAgo - 1 : Math.min(cadence * 0.6, createdDaysAgo - 2 - 4 * moves);
        lastTouchDaysAgo = rng.between(0.1, Math.max(0.2, warmLimit));
      }
      if (reaching) lastTouchDaysAgo = rng.between(0.2, Math.min(4, createdDaysAgo - 1));
    }
    // Moves fall between creation and the last touch, one in each equal slice of that span.
    const latest = (lastTouchDaysAgo ?? 0) + 1;
    const span = createdDaysAgo - 2 - latest;
    const moveDays = Array.from({ length: moves }, (_, i) => createdDaysAgo - 2 - span * ((i + rng.between(0.2, 0.8)) / moves));
    return {
      contact, firstName, platform, path, moves: moveDays, createdDaysAgo, lastTouchDaysAgo,
      touchCount: reaching ? Math.max(2, touchCount) : touchCount, reachingOut: reaching,
    };
  }

  // 2. Stage histories, consistent with the current stage.
  const stageChanges: DemoStageChange[] = [];
  const transitionNotes: Partial<Record<Stage, readonly string[]>> = {
    friend: ['Proper conversation at the tasting', 'Two-way chat; knows what we do', 'Came back for a second visit'],
    customer: ['First order placed', 'Signed up for a standing weekly order', 'Paid the deposit for the cake'],
    evangelist: ['Keeps sending people our way', 'Posts about us regularly'],
  };
  for (const d of drafts) {
    const c = d.contact;
    c.createdAt = at(d.createdDaysAgo);
    stageChanges.push({ contactId: c.id, fromStage: null, toStage: 'stranger', byId: c.ownerId, note: null, at: c.createdAt });
    d.moves.forEach((daysAgo, i) => {
      const to = d.path[i + 1]!;
      const lostNote = to === 'friend' && d.path[i] === 'customer' ? 'Switched to a cheaper supplier for now' : null;
      stageChanges.push({
        contactId: c.id, fromStage: d.path[i]!, toStage: to, byId: rng.chance(0.85) ? c.ownerId : other(c.ownerId),
        note: lostNote ?? (rng.chance(0.5) ? rng.pick(transitionNotes[to] ?? ['']) || null : null), at: at(daysAgo),
      });
    });
    c.stageChangedAt = d.moves.length ? at(d.moves.at(-1)!) : c.createdAt;
    c.updatedAt = c.stageChangedAt;
  }

  // 3. Referrals of the story.
  const referrals: DemoReferral[] = STORY_REFERRALS.map((r) => {
    const from = byKey.get(r.from)!.contact;
    const to = byKey.get(r.to)!.contact;
    to.referredById ??= from.id;
    const occurredAt = new Date(now - r.daysAgo * DAY - 2 * HOUR);
    return { referrerId: from.id, referredId: to.id, note: r.note, occurredAt, createdById: from.ownerId, createdAt: occurredAt };
  });

  // 4. Touchpoints: how they met, the conversation behind each move, the latest touch, the rest between.
  const touchpoints: DemoTouchpoint[] = [];
  for (const d of drafts) {
    if (d.touchCount === 0 || d.lastTouchDaysAgo === null) continue;
    const c = d.contact;
    const ctx: TouchContext = { firstName: d.firstName, company: c.company, platform: platformLabel(d.platform), rng };
    const stageAt = (time: number) => {
      let stage = d.path[0]!;
      d.moves.forEach((daysAgo, i) => {
        if (now - daysAgo * DAY <= time) stage = d.path[i + 1]!;
      });
      return stage;
    };
    const add = (time: number, stage: Stage, forced?: ReturnType<typeof firstTouchFor>) => {
      const tpl = forced ?? rng.weighted(TOUCH_TEMPLATES.filter((t) => t.stages.includes(stage)).map((t) => [t, t.weight] as const));
      const sentiment =
        (tpl as { sentiment?: Sentiment }).sentiment ??
        rng.weighted<Sentiment | null>([['positive', 50], ['neutral', 35], [null, 15]]);
      const occurredAt = new Date(time);
      const platform = tpl.social ? (rng.chance(0.8) ? d.platform : socialPlatform(rng)) : null;
      touchpoints.push({
        contactId: c.id, channel: tpl.channel, direction: tpl.direction,
        summary: tpl.text({ ...ctx, platform: platformLabel(platform ?? d.platform) }), platform,
        sentiment, loggedById: rng.chance(0.85) ? c.ownerId : other(c.ownerId), occurredAt, createdAt: occurredAt, updatedAt: occurredAt,
      });
    };
    const created = c.createdAt.getTime();
    const last = now - d.lastTouchDaysAgo * DAY;
    add(Math.min(created + rng.between(0.5, 6) * HOUR, last), 'stranger', firstTouchFor(c.source));
    let count = 1;
    d.moves.forEach((daysAgo, i) => {
      add(now - daysAgo * DAY - rng.between(1, 20) * HOUR, d.path[i + 1]!);
      count++;
    });
    if (d.touchCount > 1) {
      if (d.reachingOut) {
        add(last, 'stranger', {
          channel: 'social_dm', direction: 'inbound', social: true,
          text: (x) => `${x.platform} DM: asked if we could do a tasting for ${x.company ?? 'a family party'}`,
        });
      } else {
        add(last, stageAt(last));
      }
      count++;
    }
    for (; count < d.touchCount; count++) {
      const time = rng.between(created + HOUR, last);
      add(time, stageAt(time));
    }
  }

  // 5. Reminders: overdue, today (in the owner's zone), upcoming, and done ones in the past.
  const reminders: DemoReminder[] = [];
  const today = followUpWindow('today', input.timeZone, input.now);
  const todayStart = today.from!.getTime();
  const tomorrowStart = today.to.getTime();
  const candidates = (assigneeId: string, minDaysOld: number) =>
    drafts.filter((d) => d.contact.ownerId === assigneeId && d.createdDaysAgo > minDaysOld).map((d) => d.contact);
  const usedForOpen = new Set<string>();
  const remind = (i: number, dueAt: number, doneAt: number | null, minDaysOld: number) => {
    const assigneeId = members[i % 2]!;
    const pool = candidates(assigneeId, minDaysOld).filter((c) => doneAt !== null || !usedForOpen.has(c.id));
    const contact = rng.pick(pool.length ? pool : drafts.map((d) => d.contact));
    if (doneAt === null) usedForOpen.add(contact.id);
    const createdAt = Math.max(contact.createdAt.getTime(), Math.min(now, dueAt) - rng.between(1, 10) * DAY);
    reminders.push({
      contactId: contact.id, assigneeId, dueAt: new Date(dueAt), note: rng.pick(REMINDER_NOTES),
      doneAt: doneAt === null ? null : new Date(doneAt), createdById: assigneeId, createdAt: new Date(createdAt),
      updatedAt: new Date(doneAt ?? createdAt),
    });
  };
  for (let i = 0; i < 4; i++) remind(i, todayStart - rng.between(1, 6) * DAY - 2 * HOUR, null, 8);
  // Today: one already past this morning (still "today", not overdue), two later today.
  remind(0, todayStart + (now - todayStart) * 0.5, null, 2);
  remind(1, now + (tomorrowStart - now) * 0.5, null, 2);
  remind(2, now + (tomorrowStart - now) * 0.8, null, 2);
  for (let i = 0; i < 6; i++) remind(i, tomorrowStart + rng.between(0, 12) * DAY + 9 * HOUR, null, 1);
  for (let i = 0; i < 8; i++) {
    const dueDaysAgo = rng.between(7, 150);
    const due = now - dueDaysAgo * DAY;
    remind(i, due, Math.min(now - HOUR, due + rng.between(-0.5, 2) * DAY), dueDaysAgo + 1);
  }

  return { contacts: drafts.map((d) => d.contact), stageChanges, touchpoints, referrals, reminders };
}
