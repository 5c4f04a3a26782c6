/**
 * Headers as people type them, for each field, and the presets of the exports coordinators receive.
 * Headers are compared after `headerKey`: lower case, accents and punctuation dropped, `#` read as
 * "number" and `&` as "and", so "E-mail", "EMAIL" and "e mail" are one header.
 */

export function headerKey(h: string): string {
  return h
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/#/g, ' number ')
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** field → exact header keys (after headerKey). */
export const GENERIC_SYNONYMS: Record<string, string[]> = {
  first_name: ['first name', 'first', 'firstname', 'given name', 'fname', 'attendee first name', 'contact first name', 'officer first name', 'gm first name'],
  last_name: ['last name', 'last', 'lastname', 'surname', 'family name', 'lname', 'attendee last name', 'contact last name', 'officer last name', 'gm last name'],
  full_name: [
    'name', 'full name', 'your name', 'attendee name', 'attendee', 'contact name', 'contact', 'contact person', 'point of contact', 'poc', 'officer', 'officer name',
    'general manager', 'gm', 'gm name', 'manager', 'store manager', 'manager name', 'participant', 'participant name', 'person', 'registrant', 'registrant name',
    'primary contact', 'liaison', 'representative', 'first and last name', 'first last name', 'name first and last', 'full name first and last',
    // Sheriffs' and police chiefs' directories head the person's column with the office itself.
    'sheriff', 'county sheriff', 'chief', 'chief of police', 'police chief', 'executive director',
  ],
  prefix: ['prefix', 'salutation', 'honorific'],
  suffix: ['suffix', 'name suffix'],
  title: ['title', 'job title', 'position', 'rank', 'title rank', 'rank title', 'role', 'job', 'job role', 'designation', 'occupation'],
  email: [
    'email', 'e mail', 'email address', 'e mail address', 'mail', 'work email', 'contact email', 'gm email', 'officer email', 'manager email', 'email addr',
    'business email', 'your email', 'attendee email',
  ],
  phone: [
    'phone', 'phone number', 'telephone', 'tel', 'work phone', 'cell', 'cell phone', 'mobile', 'mobile phone', 'direct line', 'direct phone', 'gm phone',
    'officer phone', 'contact phone', 'best phone number', 'phone no', 'business phone number', 'manager phone',
  ],
  phone_ext: ['ext', 'extension', 'phone ext', 'phone extension', 'ext number', 'x'],
  organization: [
    'organization', 'organisation', 'org', 'agency', 'agency name', 'department', 'dept', 'company', 'company name', 'employer', 'business', 'business name',
    'location', 'location name', 'store', 'store name', 'site', 'site name', 'truck stop', 'truck stop name', 'travel center', 'carrier', 'carrier name',
    'affiliation', 'organization name', 'agency or company', 'company or agency', 'agency company', 'organization agency', 'office', 'facility', 'facility name',
    'provider', 'provider name', 'resource', 'resource name',
  ],
  store_number: ['store number', 'store no', 'store num', 'store id', 'location number', 'site number', 'unit number'],
  org_phone: ['main phone', 'main line', 'main number', 'office phone', 'agency phone', 'store phone', 'location phone', 'business phone', 'front desk', 'dispatch', 'dispatch phone', 'non emergency', 'non emergency number', 'non emergency phone', 'non emergency line'],
  sector: ['sector', 'industry', 'organization type', 'org type', 'category', 'sector industry'],
  agency_type: ['agency type', 'type', 'type of agency', 'agency kind', 'subtype', 'sub type', 'le type'],
  address: ['address', 'address 1', 'address1', 'street', 'street address', 'address line 1', 'work address', 'work address 1', 'mailing address', 'location address',
    'physical address', 'office address', 'agency address', 'store address', 'street 1', 'full address', 'complete address'],
  address2: ['address 2', 'address2', 'address line 2', 'suite', 'unit', 'work address 2', 'apt'],
  // "City, State Zip" columns are taken apart when the row has no state or ZIP (kinds/common.ts).
  city: ['city', 'town', 'work city', 'city town', 'municipality', 'location city', 'city state zip', 'city st zip', 'city state and zip', 'city state zip code', 'city state'],
  state: ['state', 'st', 'work state', 'state province', 'province', 'state code'],
  zip: ['zip', 'zip code', 'zipcode', 'postal code', 'postcode', 'work zip', 'work zip code', 'zip postal code', 'postal'],
  // Louisiana has parishes, Alaska boroughs and census areas, Virginia independent cities beside
  // its counties: a directory heads the column with what its state has.
  county: [
    'county', 'county name', 'county served', 'parish', 'parish name', 'county parish', 'county or parish', 'parish county', 'borough', 'borough name',
    'borough census area', 'borough or census area', 'county borough', 'county or borough', 'county city', 'county or city', 'city county', 'county or independent city',
    'county equivalent', 'county or equivalent', 'planning region',
  ],
  registered_at: ['registered', 'registered at', 'registration date', 'order date', 'registered on', 'date registered', 'signup date', 'sign up date', 'timestamp', 'registration time'],
  checked_in: [
    'checked in', 'check in', 'check in date', 'checked in at', 'check in time', 'attended', 'attendance', 'present', 'signed in', 'sign in', 'arrived', 'here',
    'check in status', 'time in', 'arrival time', 'time arrived', 'sign in time',
    // When someone joined a meeting or webinar (Zoom, GoToWebinar, Webex: "Join Time"; Teams: "First
    // Join"; Google Meet: "Time joined"): blank, or "--", for a registrant who never came.
    'join time', 'time joined', 'first join', 'first joined', 'joined', 'joined at', 'join date', 'first join time', 'first seen', 'entry time',
  ],
  // Whether the registration still holds a place (Cvent's Accepted / Cancelled); the check-in is apart.
  registration_status: ['registration status', 'reg status', 'registrant status', 'order status', 'booking status', 'ticket status', 'rsvp', 'rsvp status', 'approval status', 'approval', 'registration approval status'],
  ticket_type: ['ticket type', 'ticket', 'registration type', 'ticket class', 'attendee type'],
  share_contact: [
    'share contact', 'share', 'consent', 'ok to list', 'ok to share', 'publish', 'list on contact sheet', 'share contact info', 'may we share', 'include on contact list',
    'opt in', 'permission to share',
  ],
  notes: ['notes', 'note', 'comments', 'comment', 'remarks', 'anything else we should know'],
  website: ['website', 'web site', 'url', 'web'],
};

/** Form questions about another person than the one registering ("Supervisor's name", "If you
 * bring a colleague, their name"): their name is not the attendee's. */
const SOMEONE_ELSE = /\b(supervisors?|colleagues?|guests?|emergency|spouse|partners?|bring|behalf|their|referred|who invited)\b/;

/** Names of things, not of people: a report's "Webinar Name" or "Meeting Name" (the webinar's
 * title, over Webex's and Zoom's lists), Docebo's "Branch Name", Eventbrite's "Device Name". */
const NAMES_A_THING = /\b(webinar|meeting|event|course|session|class|training|module|program|programme|topic|lesson|section|company|business|organi[sz]ation|agency|employer|store|site|location|facility|venue|team|group|branch|department|file|device|host|account|product|ticket|room|channel)\b/;

/**
 * When no exact synonym matches, words in a longer header (form questions such as "May we list your
 * work phone on the contact list?") decide. Checked in order; the first hit wins.
 */
export const KEYWORD_RULES: Array<{ field: string; test: (k: string) => boolean }> = [
  // A sign-in form's "Which session did you attend?": the training, in a roster (only that kind has
  // the field).
  { field: 'module', test: (k) => /\bwhich (session|training|course|class|module|workshop|breakout|track|presentation)s?\b|\b(session|training|course|class|workshop)s? (did you|you) (attend|take|complete)/.test(k) },
  { field: 'share_contact', test: (k) => /\b(consent|permission|ok to|may we (list|share|include|publish)|share your|list your|include your|publish your|opt in)\b/.test(k) },
  { field: 'checked_in', test: (k) => /\b(check(ed)? ?in|signed in|attended)\b/.test(k) },
  // How many an organization trained: "# Employees Trained", "Employees Trained (#)", "How many
  // drivers were trained?" (a count; "Date Trained" is not one).
  { field: 'count', test: (k) => /\btrained\b/.test(k) && /\b(number|no|num|count|total|how many|qty)\b/.test(k) },
  // A roster's completion status under another name ("Transcript Status", "Course Completion
  // State"): a learner's account status ("User Status": Active) is not one, so the word must say
  // course, training or completion. Only the trainings kind has the field.
  { field: 'status', test: (k) => /\b(completion|transcript|course|training|module|enrol?lment|learner|progress)\b.*\b(status|state)\b/.test(k) },
  // Someone else's e-mail or phone ("Supervisor's email", "Emergency contact phone") is never the
  // person's own: it would file another person's details under their name.
  { field: 'email', test: (k) => /\be ?mail\b/.test(k) && !SOMEONE_ELSE.test(k) },
  { field: 'phone_ext', test: (k) => /\bext(ension)?\b/.test(k) && !SOMEONE_ELSE.test(k) },
  // A fax number must never become the phone: "Fax Phone", "Phone/Fax" are left for --map; nor a
  // home phone (a contact list is for work).
  { field: 'phone', test: (k) => /\b(phone|telephone|cell|mobile)\b/.test(k) && !/\b(fax|home)\b/.test(k) && !SOMEONE_ELSE.test(k) },
  { field: 'zip', test: (k) => /\b(zip|postal)\b/.test(k) },
  { field: 'county', test: (k) => /\bcounty\b/.test(k) && !/\bsheriff\b/.test(k) },
  { field: 'title', test: (k) => /\b(title|rank|position|role)\b/.test(k) },
  // "What is your agency type?" (a registration form's custom question: Sheriff, Police, State Patrol).
  { field: 'agency_type', test: (k) => /\b(agency|department|law enforcement) type\b|\btype of (agency|department|law enforcement)\b/.test(k) },
  // "Which sector best describes your organization?" asks for a sector, not an organization.
  { field: 'sector', test: (k) => /\b(sector|industry)\b|\btype of (organi[sz]ation|business|company)\b/.test(k) },
  { field: 'organization', test: (k) => /\b(agency|company|organi[sz]ation|employer|department)\b/.test(k) },
  // "Your first and last name" is the whole name, not its last part.
  { field: 'first_name', test: (k) => /\bfirst name\b/.test(k) && !/\blast\b/.test(k) },
  { field: 'last_name', test: (k) => /\b(last name|surname)\b/.test(k) && !/\bfirst\b/.test(k) },
  { field: 'full_name', test: (k) => /\bname\b/.test(k) && !SOMEONE_ELSE.test(k) && !NAMES_A_THING.test(k) },
  { field: 'city', test: (k) => /\bcity\b/.test(k) },
  { field: 'state', test: (k) => /\bstate\b/.test(k) && !/\bstatement\b/.test(k) },
];

/**
 * A question only a sign-in form asks ("Which session did you attend?", "Signing in for…"): a
 * registration form asks what someone will attend, or whether they attended one before.
 */
export const SIGN_IN_QUESTION = (k: string) => /\b(did you attend|you attended today|attending today|signing in|sign in sheet|checking in)\b/.test(k) && !/\b(before|previous|previously|ever|prior|past)\b/.test(k);

export interface Preset {
  name: 'eventbrite' | 'google-forms' | 'microsoft-forms' | 'generic';
  /** header key → field ('' = ignore this column on purpose; '?field' = that field only when no other
   * column is read as it). */
  map: Record<string, string>;
  /** How many of these header keys make the preset recognisable. */
  signature: string[];
  minSignature: number;
}

export const PRESETS: Preset[] = [
  {
    name: 'eventbrite',
    signature: ['order number', 'order date', 'attendee number', 'attendee status', 'check in date', 'ticket type', 'buyer email', 'buyer first name', 'work zip', 'work city'],
    minSignature: 3,
    map: {
      'first name': 'first_name',
      'last name': 'last_name',
      email: 'email',
      company: 'organization',
      'job title': 'title',
      'work phone': 'phone',
      'cell phone': 'phone',
      'work address 1': 'address',
      'work address 2': 'address2',
      'work city': 'city',
      'work state': 'state',
      'work zip': 'zip',
      'check in date': 'checked_in',
      'attendee status': 'checked_in',
      'order date': 'registered_at',
      'ticket type': 'ticket_type',
      // The buyer is not the attendee.
      'buyer first name': '',
      'buyer last name': '',
      'buyer email': '',
      'order number': '',
      'attendee number': '',
      quantity: '',
      'event name': '',
      'event id': '',
      'order type': '',
      'total paid': '',
      'fees paid': '',
      'eventbrite fees': '',
      'eventbrite payment processing': '',
      currency: '',
      prefix: 'prefix',
      suffix: 'suffix',
      'home phone': '',
      'home address 1': '',
      'home address 2': '',
      'home city': '',
      'home state': '',
      'home zip': '',
      'billing address 1': '',
      'billing address 2': '',
      'billing city': '',
      'billing state': '',
      'billing zip': '',
    },
  },
  {
    name: 'google-forms',
    signature: ['timestamp', 'email address'],
    minSignature: 2,
    map: { timestamp: 'registered_at', 'email address': 'email', score: '' },
  },
  {
    // Microsoft Forms: ID, Start time, Completion time, Email, Name (the respondent's Microsoft
    // account: "anonymous" and blank for a public form), Last modified time, then the questions.
    // The form's own name and e-mail questions win over the account's.
    name: 'microsoft-forms',
    signature: ['start time', 'completion time', 'last modified time'],
    minSignature: 2,
    map: { id: '', 'start time': '', 'completion time': 'registered_at', 'last modified time': '', email: '?email', name: '?full_name', 'total points': '', 'quiz feedback': '' },
  },
];

/** Field names as they may be typed in `--map` ("Email Address=e-mail" is fine too). A field with a
 * detail after a colon (`module:le-tat`, a roster's column of one module) keeps its detail as typed. */
export function fieldKey(f: string): string {
  const colon = f.indexOf(':');
  const key = (colon < 0 ? f : f.slice(0, colon)).trim().toLowerCase().replace(/[\s-]+/g, '_');
  return colon < 0 ? key : `${key}:${f.slice(colon + 1).trim()}`;
}

/** The field a mapped field stands for: `module:le-tat` (the column of one module) is a `module`. */
export function baseField(f: string): string {
  const colon = f.indexOf(':');
  return colon < 0 ? f : f.slice(0, colon);
}
