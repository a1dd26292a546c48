import type { Channel, Direction, Sentiment, Stage, Source } from '@rapport/shared/domain/enums';
import { EVENTS, PRODUCTS, SOCIAL_PLATFORMS } from './demo-words';
import type { Random } from './demo-random';

/** What a touchpoint's wording may draw on. */
export interface TouchContext {
  firstName: string;
  company: string | null;
  platform: string;
  rng: Random;
}

export interface TouchTemplate {
  channel: Channel;
  direction: Direction;
  /** The stages the contact can be in when this happens. */
  stages: readonly Stage[];
  weight: number;
  /** Fixed sentiment (a complaint is negative); otherwise drawn at random. */
  sentiment?: Sentiment;
  social?: boolean;
  text(ctx: TouchContext): string;
}

const product = (c: TouchContext) => c.rng.pick(PRODUCTS);
const where = (c: TouchContext) => (c.company ? `for ${c.company}` : 'for a family celebration');
const EARLY = ['stranger'] as const;
const WARM = ['friend', 'customer', 'evangelist'] as const;
const BUYING = ['customer', 'evangelist'] as const;

/** Interactions a bakery logs, by the stage the relationship is in. */
export const TOUCH_TEMPLATES: readonly TouchTemplate[] = [
  // Strangers: one-way contact, first hellos.
  { channel: 'social_comment', direction: 'inbound', stages: EARLY, weight: 4, social: true,
    text: (c) => `Commented "${c.rng.pick(['these look amazing', 'do you deliver?', 'that crumb!', 'need these on Friday'])}" on our ${c.platform} post about ${product(c)}` },
  { channel: 'social_comment', direction: 'outbound', stages: EARLY, weight: 2, social: true,
    text: (c) => `Replied to their ${c.platform} post about ${c.company ?? 'their weekend baking'}` },
  { channel: 'social_mention', direction: 'inbound', stages: EARLY, weight: 2, social: true,
    text: (c) => `Mentioned us on ${c.platform} with a photo of our ${product(c)}` },
  { channel: 'event', direction: 'inbound', stages: EARLY, weight: 3,
    text: (c) => `Met at ${c.rng.pick(EVENTS)}; tried our ${product(c)} and took a card` },
  { channel: 'email', direction: 'outbound', stages: EARLY, weight: 2,
    text: (c) => `Intro email with our wholesale price list ${where(c)}` },
  { channel: 'social_dm', direction: 'outbound', stages: EARLY, weight: 1, social: true,
    text: (c) => `Sent a ${c.platform} DM thanking ${c.firstName} for the follow` },
  { channel: 'other', direction: 'inbound', stages: EARLY, weight: 1,
    text: () => 'Signed up for the newsletter at the counter' },
  { channel: 'social_comment', direction: 'inbound', stages: ['stranger', 'friend'], weight: 1, social: true, sentiment: 'negative',
    text: (c) => `Commented on ${c.platform} that we had sold out of ${product(c)} before noon` },

  // Friends and up: real two-way conversations.
  { channel: 'call', direction: 'outbound', stages: WARM, weight: 3,
    text: (c) => `Call about ${product(c)} ${where(c)}` },
  { channel: 'call', direction: 'inbound', stages: WARM, weight: 2,
    text: (c) => `${c.firstName} called asking about ${product(c)} for next month` },
  { channel: 'video', direction: 'outbound', stages: WARM, weight: 1,
    text: (c) => `Video call to walk ${c.firstName} through the catering menu` },
  { channel: 'email', direction: 'outbound', stages: WARM, weight: 3,
    text: (c) => `Sent a quote for ${product(c)} ${where(c)}` },
  { channel: 'email', direction: 'inbound', stages: WARM, weight: 2,
    text: (c) => `Asked for allergen information on the ${product(c)}` },
  { channel: 'sms', direction: 'outbound', stages: WARM, weight: 2,
    text: (c) => `Texted to confirm the tasting on ${c.rng.pick(['Monday', 'Tuesday', 'Thursday', 'Saturday'])}` },
  { channel: 'sms', direction: 'inbound', stages: WARM, weight: 1,
    text: (c) => `${c.firstName} texted a photo of the ${product(c)} at their table` },
  { channel: 'in_person', direction: 'inbound', stages: WARM, weight: 3,
    text: (c) => `Dropped by the bakery for a tasting of ${product(c)}` },
  { channel: 'social_dm', direction: 'inbound', stages: WARM, weight: 3, social: true,
    text: (c) => `${c.platform} DM: asked whether we can do ${product(c)} for a weekend event` },
  { channel: 'social_dm', direction: 'outbound', stages: WARM, weight: 2, social: true,
    text: (c) => `${c.platform} DM with photos of this week's specials` },
  { channel: 'social_comment', direction: 'inbound', stages: WARM, weight: 2, social: true,
    text: (c) => `Commented on our ${c.platform} reel: "${c.rng.pick(['saving this', 'my team loved these', 'yes please!'])}"` },
  { channel: 'event', direction: 'outbound', stages: WARM, weight: 1,
    text: (c) => `Invited ${c.firstName} to ${c.rng.pick(EVENTS)}; they came by the stand` },
  { channel: 'email', direction: 'inbound', stages: WARM, weight: 1, sentiment: 'negative',
    text: () => 'Said our quote came in above budget; asked for a smaller option' },

  // Customers: orders, deliveries, the occasional hiccup.
  { channel: 'email', direction: 'inbound', stages: BUYING, weight: 4,
    text: (c) => `Order: ${c.rng.int(2, 12) * 5} ${product(c)} for next week` },
  { channel: 'in_person', direction: 'outbound', stages: BUYING, weight: 3,
    text: (c) => `Delivered the ${product(c)}; quick chat with ${c.firstName} at the counter` },
  { channel: 'call', direction: 'inbound', stages: BUYING, weight: 2,
    text: (c) => `Called to add ${product(c)} to the standing order` },
  { channel: 'call', direction: 'inbound', stages: BUYING, weight: 1, sentiment: 'negative',
    text: () => 'Called: the last delivery arrived late; apologised and credited the invoice' },
  { channel: 'sms', direction: 'outbound', stages: BUYING, weight: 2,
    text: () => 'Confirmed the delivery window for tomorrow, 6:30am' },
  { channel: 'video', direction: 'outbound', stages: BUYING, weight: 1,
    text: (c) => `Quarterly check-in on the ${c.company ? 'wholesale' : 'celebration'} orders` },
  { channel: 'other', direction: 'inbound', stages: BUYING, weight: 1, sentiment: 'positive',
    text: () => 'Left a 5-star Google review' },

  // Evangelists: they talk about us.
  { channel: 'social_mention', direction: 'inbound', stages: ['evangelist'], weight: 3, social: true, sentiment: 'positive',
    text: (c) => `Shouted us out on ${c.platform}: "best ${product(c)} in town"` },
  { channel: 'social_comment', direction: 'inbound', stages: ['evangelist'], weight: 2, social: true, sentiment: 'positive',
    text: (c) => `Tagged two friends under our ${c.platform} post` },
  { channel: 'in_person', direction: 'outbound', stages: ['evangelist'], weight: 2,
    text: (c) => `Coffee with ${c.firstName}; they offered to introduce us to more ${c.company ? 'businesses nearby' : 'friends'}` },
];

/** The first touch, which says how the contact found us (by its source). */
export function firstTouchFor(source: Source): { channel: Channel; direction: Direction; social?: boolean; text: (c: TouchContext) => string } {
  switch (source) {
    case 'social':
      return { channel: 'social_comment', direction: 'inbound', social: true, text: (c) => `First comment on our ${c.platform} post about ${product(c)}` };
    case 'event':
      return { channel: 'event', direction: 'inbound', text: (c) => `Met at ${c.rng.pick(EVENTS)}` };
    case 'website':
      return { channel: 'email', direction: 'inbound', text: (c) => `Contact form: asked about ${product(c)} ${where(c)}` };
    case 'outreach':
      return { channel: 'email', direction: 'outbound', text: (c) => `Cold email introducing our wholesale range ${where(c)}` };
    case 'referral':
      return { channel: 'email', direction: 'inbound', text: (c) => `${c.firstName} got in touch after a recommendation` };
    default:
      return { channel: 'in_person', direction: 'inbound', text: (c) => `Walked in and asked about ${product(c)}` };
  }
}

export function socialPlatform(rng: Random): string {
  return rng.pick(SOCIAL_PLATFORMS);
}
