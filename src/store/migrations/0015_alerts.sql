-- 0015_alerts.sql: alerts to families (low period average, a 2 as period mark, unexcused
-- absences), the weekly digest's choice and sending log, the paper diary (weekly printout) flag
-- (issue 6: M-11, slice ALERTS)

-- One alert per (student, kind, subject, period, day). A run of the alerts raises the rows whose
-- situation holds and resolves (active = 0) those whose situation no longer holds; a resolved row
-- raised again increments `raised`, which is part of the notification's event key, so parents
-- are told again only when the situation came back.
--   kind 'low_average' : current-period average in subject_id below 3 (value = the average)
--   kind 'period_two'  : period mark 2 in subject_id for period_id (value = 2)
--   kind 'absence_np'  : an absence with reason НП on `day` (subject_id = 0)
--   kind 'absence_day' : a whole day of Н without a reason on `day` (subject_id = 0)
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  student_id INTEGER NOT NULL REFERENCES persons(id),
  class_id INTEGER NOT NULL REFERENCES classes(id),
  kind TEXT NOT NULL CHECK (kind IN ('low_average', 'period_two', 'absence_np', 'absence_day')),
  subject_id INTEGER NOT NULL DEFAULT 0,
  period_id INTEGER NOT NULL DEFAULT 0,
  day TEXT NOT NULL DEFAULT '',
  value REAL,
  message TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  raised INTEGER NOT NULL DEFAULT 1,
  raised_at INTEGER NOT NULL,
  resolved_at INTEGER,
  recipients INTEGER NOT NULL DEFAULT 0,         -- parents told the last time it was raised
  UNIQUE (school_id, student_id, kind, subject_id, period_id, day)
);
CREATE INDEX alerts_class ON alerts(class_id, active);

-- When the alerts last ran by themselves (once a day per school).
CREATE TABLE alert_runs (
  school_id INTEGER PRIMARY KEY REFERENCES schools(id),
  last_day TEXT NOT NULL,
  last_at INTEGER NOT NULL
);

-- A parent's choice of the weekly digest: weekday 1 = Monday … 7 = Sunday, local hour 0..23.
CREATE TABLE digest_prefs (
  school_id INTEGER NOT NULL REFERENCES schools(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  enabled INTEGER NOT NULL DEFAULT 1,
  weekday INTEGER NOT NULL DEFAULT 7 CHECK (weekday BETWEEN 1 AND 7),
  hour INTEGER NOT NULL DEFAULT 18 CHECK (hour BETWEEN 0 AND 23),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (school_id, person_id)
) WITHOUT ROWID;

-- Digests sent: one per parent, child and week (the Monday).
CREATE TABLE digest_sent (
  school_id INTEGER NOT NULL REFERENCES schools(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  student_id INTEGER NOT NULL REFERENCES persons(id),
  week TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  PRIMARY KEY (school_id, person_id, student_id, week)
) WITHOUT ROWID;

-- Seed 001 §3.3.4, §7.2: the family declined electronic access; the class teacher prints the
-- week's results for them (GET /api/v1/printouts/week).
CREATE TABLE paper_diary (
  school_id INTEGER NOT NULL REFERENCES schools(id),
  student_id INTEGER NOT NULL REFERENCES persons(id),
  declined INTEGER NOT NULL DEFAULT 1,
  note TEXT NOT NULL DEFAULT '',
  updated_by INTEGER,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (school_id, student_id)
) WITHOUT ROWID;
