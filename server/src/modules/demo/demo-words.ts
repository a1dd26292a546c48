/**
 * Vocabulary of the demo workspace: a neighbourhood bakery selling to cafés, restaurants,
 * offices, hotels, event planners and private customers. Every email domain is under the
 * reserved `.example` TLD and every phone number in the fictional 555-01xx range, so no demo
 * row points at a real business or person.
 */

export const FIRST_NAMES = [
  'Amelia', 'Noah', 'Priya', 'Mateo', 'Chloe', 'Kwame', 'Hannah', 'Luis', 'Grace', 'Omar', 'Sofia', 'Daniel',
  'Aisha', 'Ethan', 'Mei', 'Lucas', 'Isabel', 'Jonah', 'Fatima', 'Oliver', 'Naomi', 'Tomás', 'Leah', 'Ravi',
  'Zoe', 'Marcus', 'Yuki', 'Elena', 'Gabriel', 'Nadia', 'Samuel', 'Ingrid', 'Diego', 'Rosa', 'Felix', 'Anika',
  'Theo', 'Layla', 'Henry', 'Camila', 'Ben', 'Maya', 'Jamal', 'Clara', 'Victor', 'Ines', 'Arjun', 'Lena',
  'Hugo', 'Eva', 'Kofi', 'Julia', 'Rafael', 'Nora', 'Tariq', 'Alice', 'Sven', 'Paula', 'Emeka', 'Harriet',
] as const;

export const LAST_NAMES = [
  'Okafor', 'Nguyen', 'Patel', 'García', 'Schmidt', 'Mensah', 'Kowalski', 'Fernández', 'Chen', 'Haddad', 'Rossi',
  'Walsh', 'Bello', 'Larsen', 'Tanaka', 'Moreau', 'Silva', 'Brennan', 'Rahman', 'Novak', 'Adeyemi', 'Lindqvist',
  'Costa', 'Murphy', 'Kim', 'Dubois', 'Alvarez', 'Fischer', 'Osei', 'Romano', 'Sato', 'Byrne', 'Mahmoud',
  'Jensen', 'Reyes', 'Hughes', 'Ibrahim', 'Bianchi', 'Park', 'Novotny', 'Ortiz', 'Quinn', 'Sharma', 'Kelly',
  'Andersson', 'Mwangi', 'Lopez', 'Weber', 'Das', 'Carter',
] as const;

export interface Company {
  name: string;
  domain: string;
  kind: 'cafe' | 'restaurant' | 'office' | 'hotel' | 'events' | 'retail' | 'media';
}

export const COMPANIES: readonly Company[] = [
  { name: 'Blue Door Café', domain: 'bluedoorcafe.example', kind: 'cafe' },
  { name: 'Copper Kettle Coffee', domain: 'copperkettle.example', kind: 'cafe' },
  { name: 'Little Fern Espresso', domain: 'littlefern.example', kind: 'cafe' },
  { name: 'Morning Tide Roasters', domain: 'morningtide.example', kind: 'cafe' },
  { name: 'The Reading Room Café', domain: 'readingroomcafe.example', kind: 'cafe' },
  { name: 'Olive & Ash Bistro', domain: 'oliveandash.example', kind: 'restaurant' },
  { name: 'Saltwater Kitchen', domain: 'saltwaterkitchen.example', kind: 'restaurant' },
  { name: 'Casa Lumbre', domain: 'casalumbre.example', kind: 'restaurant' },
  { name: 'Juniper Table', domain: 'junipertable.example', kind: 'restaurant' },
  { name: 'Brick Lane Deli', domain: 'bricklanedeli.example', kind: 'restaurant' },
  { name: 'Northside Coworking', domain: 'northsidecowork.example', kind: 'office' },
  { name: 'Pinecrest Dental', domain: 'pinecrestdental.example', kind: 'office' },
  { name: 'Harbourview Law', domain: 'harbourviewlaw.example', kind: 'office' },
  { name: 'Kite Software', domain: 'kitesoftware.example', kind: 'office' },
  { name: 'Greenway Architects', domain: 'greenwayarch.example', kind: 'office' },
  { name: 'Meridian Accounting', domain: 'meridianacct.example', kind: 'office' },
  { name: 'The Harbor Hotel', domain: 'harborhotel.example', kind: 'hotel' },
  { name: 'Wren House B&B', domain: 'wrenhouse.example', kind: 'hotel' },
  { name: 'Grand Linden Hotel', domain: 'grandlinden.example', kind: 'hotel' },
  { name: 'Maple & Stone Events', domain: 'mapleandstone.example', kind: 'events' },
  { name: 'Golden Hour Weddings', domain: 'goldenhourweddings.example', kind: 'events' },
  { name: 'Confetti Lane Parties', domain: 'confettilane.example', kind: 'events' },
  { name: 'Riverside Farmers Market', domain: 'riversidemarket.example', kind: 'events' },
  { name: 'Greenleaf Grocers', domain: 'greenleafgrocers.example', kind: 'retail' },
  { name: 'The Corner Pantry', domain: 'cornerpantry.example', kind: 'retail' },
  { name: 'Honeycomb Deli & Wine', domain: 'honeycombdeli.example', kind: 'retail' },
  { name: 'City Bites Magazine', domain: 'citybites.example', kind: 'media' },
  { name: 'Crumb & Co Podcast', domain: 'crumbandco.example', kind: 'media' },
];

export const TITLES: Record<Company['kind'], readonly string[]> = {
  cafe: ['Owner', 'Café Manager', 'Head Barista', 'Co-founder'],
  restaurant: ['Head Chef', 'General Manager', 'Owner', 'Pastry Chef', 'Sous Chef'],
  office: ['Office Manager', 'Operations Lead', 'Head of People', 'Executive Assistant', 'Workplace Coordinator'],
  hotel: ['Food & Beverage Director', 'Breakfast Manager', 'Guest Experience Manager', 'Owner'],
  events: ['Wedding Planner', 'Events Manager', 'Founder', 'Market Coordinator'],
  retail: ['Store Manager', 'Buyer', 'Owner', 'Category Manager'],
  media: ['Food Editor', 'Host', 'Content Producer'],
};

export const PERSONAL_DOMAINS = ['mail.example', 'inbox.example', 'post.example'] as const;

export const TAGS_BY_KIND: Record<Company['kind'] | 'private', readonly string[]> = {
  cafe: ['wholesale', 'cafe', 'weekly-order', 'local'],
  restaurant: ['wholesale', 'restaurant', 'bread', 'local'],
  office: ['catering', 'corporate', 'monthly', 'office-breakfast'],
  hotel: ['wholesale', 'hotel', 'breakfast', 'vip'],
  events: ['events', 'weddings', 'catering', 'partner'],
  retail: ['wholesale', 'retail', 'shelf', 'local'],
  media: ['press', 'influencer', 'instagram'],
  private: ['custom-cakes', 'birthday', 'wedding', 'farmers-market', 'instagram', 'regular'],
};

export const PRODUCTS = [
  'sourdough loaves', 'croissants', 'cardamom buns', 'a three-tier wedding cake', 'gluten-free brownies',
  'focaccia', 'cinnamon rolls', 'a birthday cake', 'sandwich loaves', 'a pastry platter', 'macarons',
  'seeded rye', 'a breakfast box for 20', 'fruit tarts', 'bagels',
] as const;

export const EVENTS = [
  'the Riverside farmers market', 'the Small Business Expo', 'the spring wedding fair', 'a chamber of commerce mixer',
  'the food truck festival', 'our open-kitchen evening', 'the neighbourhood street fair',
] as const;

export const CONTACT_NOTES = [
  'Prefers deliveries before 7am.', 'Nut allergy in the team: always label allergens.', 'Pays by invoice, 30 days.',
  'Loves the cardamom buns; ask about seasonal specials.', 'Budget-conscious, but orders reliably every week.',
  'Introduced by a regular at the market.', 'Wants oat-milk friendly pastries for the café.',
  'Interested in a standing Friday order.', 'Follows us on Instagram and shares our posts.',
  'Decision maker is the owner; loop them in on quotes.',
] as const;

export const REMINDER_NOTES = [
  'Send the tasting box', 'Follow up on the wedding cake quote', 'Confirm the Friday croissant order',
  'Ask for a Google review', 'Check in after the catering event', 'Send the new seasonal menu',
  'Call about the holiday pre-orders', 'Drop off samples of the gluten-free range', 'Invoice the last delivery',
  'Invite to the open-kitchen evening', 'Ask how the office breakfast went', 'Share photos from the event',
] as const;

/** Social platforms a bakery actually talks on, weighted toward Instagram. */
export const SOCIAL_PLATFORMS = ['instagram', 'instagram', 'instagram', 'linkedin', 'linkedin', 'x', 'facebook'] as const;
