-- Informing families (issue 6, M-11): idempotent notifications, per-person preferences,
-- an outbox of e-mail/SMS messages with a delivery log, the announcement board.

-- One notification per event and recipient: dedup_key = kind:entity:entity_id[:extra]:person,
-- version grows when the event really changes (a mark changed after its message went out).
ALTER TABLE notifications ADD COLUMN dedup_key TEXT;
ALTER TABLE notifications ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE notifications ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX notifications_dedup ON notifications(dedup_key, version) WHERE dedup_key IS NOT NULL;
CREATE INDEX notifications_unread ON notifications(person_id) WHERE read_at IS NULL;

-- Per person, per kind: e-mail and SMS on/off (in-app is always on). No row = the defaults.
CREATE TABLE notify_prefs (
  person_id INTEGER NOT NULL REFERENCES persons(id),
  kind TEXT NOT NULL,
  email INTEGER NOT NULL DEFAULT 1,
  sms INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (person_id, kind)
) WITHOUT ROWID;

-- Per person: quiet hours ("HH:MM" in the school's zone, '' = none), address overrides.
CREATE TABLE notify_person (
  person_id INTEGER PRIMARY KEY REFERENCES persons(id),
  quiet_from TEXT NOT NULL DEFAULT '',
  quiet_to TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL DEFAULT 0
);

-- One message per notification and channel. idem_key is stable for the row's life and travels
-- with the message (SMTP Message-ID, SMS Idempotency-Key) so receivers drop repeats.
CREATE TABLE notify_outbox (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  notification_id INTEGER NOT NULL REFERENCES notifications(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  address TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  idem_key TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  claimed_at INTEGER,
  delivered_at INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  UNIQUE (notification_id, channel)
);
CREATE INDEX notify_outbox_due ON notify_outbox(status, next_at);

-- Every delivery attempt.
CREATE TABLE notify_delivery_log (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL,
  outbox_id INTEGER NOT NULL REFERENCES notify_outbox(id),
  attempt INTEGER NOT NULL,
  at INTEGER NOT NULL,
  ok INTEGER NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX notify_delivery_log_school ON notify_delivery_log(school_id, id);

CREATE TABLE announcements (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  author_id INTEGER NOT NULL REFERENCES persons(id),
  audience TEXT NOT NULL CHECK (audience IN ('school', 'class')),
  class_id INTEGER REFERENCES classes(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  CHECK ((audience = 'class') = (class_id IS NOT NULL))
);
CREATE INDEX announcements_school ON announcements(school_id, id);

-- Journal events waiting to become notifications: the lesson save writes one row per changed
-- cell in its own transaction (so no event is lost or invented), and a background thread turns
-- them into notifications and outbox rows in batches, keeping only the last event of a cell.
CREATE TABLE notify_queue (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  feed TEXT NOT NULL CHECK (feed IN ('mark', 'absence', 'homework')),
  lesson_id INTEGER NOT NULL,
  assignment_id INTEGER,
  student_id INTEGER,
  mark_kind TEXT,                 -- mark: 'mark' | 'point' | 'pass' | 'fail', NULL = removed
  value INTEGER,
  code TEXT,                      -- absence: Н | О | Б, NULL = removed
  homework TEXT,
  user_id INTEGER,
  created_at INTEGER NOT NULL
);
