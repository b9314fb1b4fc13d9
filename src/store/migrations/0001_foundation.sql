-- 0001_foundation.sql: tenancy, persons, accounts, sessions, access matrix, audit, contingent links

CREATE TABLE regions (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE schools (
  id INTEGER PRIMARY KEY,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  timezone TEXT NOT NULL DEFAULT 'Europe/Samara',
  created_at INTEGER NOT NULL
);
CREATE INDEX schools_region ON schools(region_id);

-- A human being. Installation-wide: one person may hold roles in several schools.
CREATE TABLE persons (
  id INTEGER PRIMARY KEY,
  last_name TEXT NOT NULL,
  first_name TEXT NOT NULL,
  middle_name TEXT NOT NULL DEFAULT '',
  gender TEXT CHECK (gender IN ('m', 'f')),
  birth_date TEXT,
  name_fold TEXT NOT NULL DEFAULT '',       -- zh_fold(last first middle), for search
  created_at INTEGER NOT NULL
);
CREATE INDEX persons_fold ON persons(name_fold);

-- A login. Login unique in the installation (case-insensitive for ASCII logins).
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL UNIQUE REFERENCES persons(id),
  login TEXT NOT NULL UNIQUE COLLATE NOCASE,
  pw_hash TEXT NOT NULL,
  must_change INTEGER NOT NULL DEFAULT 1,
  locked INTEGER NOT NULL DEFAULT 0,         -- locked by an operator; throttling is in login_throttle
  pw_changed_at INTEGER,
  created_at INTEGER NOT NULL
);

-- Role memberships per school (role ids of SPEC §1: 1 admin .. 10 hr).
CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  role_id INTEGER NOT NULL CHECK (role_id BETWEEN 1 AND 10),
  PRIMARY KEY (user_id, school_id, role_id)
);
CREATE INDEX user_roles_school ON user_roles(school_id, role_id);

-- Region roles (11 region_admin, 12 region_head, 13 region_staff).
CREATE TABLE region_roles (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  region_id INTEGER NOT NULL REFERENCES regions(id),
  role_id INTEGER NOT NULL CHECK (role_id BETWEEN 11 AND 13),
  PRIMARY KEY (user_id, region_id, role_id)
);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash BLOB NOT NULL UNIQUE,           -- BLAKE2b-256 of the token; the token is never stored
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ended_at INTEGER,
  ip TEXT NOT NULL DEFAULT '',
  user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_events (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  login TEXT NOT NULL,
  user_id INTEGER,
  ip TEXT NOT NULL,
  success INTEGER NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX login_events_at ON login_events(at);

-- Failed-login counters per key ('u:<login>' or 'ip:<address>').
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  window_start INTEGER NOT NULL,
  blocked_until INTEGER NOT NULL
);

-- The access matrix of a school: a row grants op to role.
CREATE TABLE access_matrix (
  school_id INTEGER NOT NULL REFERENCES schools(id),
  role_id INTEGER NOT NULL CHECK (role_id BETWEEN 1 AND 10),
  op TEXT NOT NULL,
  PRIMARY KEY (school_id, role_id, op)
) WITHOUT ROWID;

-- Append-only, hash-chained audit log.
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  school_id INTEGER,
  user_id INTEGER,
  op TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL DEFAULT '',
  old_value TEXT,
  new_value TEXT,
  request_id TEXT NOT NULL DEFAULT '',
  client TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_school_at ON audit(school_id, at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

-- Contingent links needed by the access scopes (extended by the school issue).
CREATE TABLE academic_years (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  name TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  closed INTEGER NOT NULL DEFAULT 0,
  UNIQUE (school_id, name)
);

CREATE TABLE subjects (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  name TEXT NOT NULL,
  short_name TEXT NOT NULL,
  UNIQUE (school_id, name)
);

CREATE TABLE classes (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  year_id INTEGER NOT NULL REFERENCES academic_years(id),
  grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 11),
  letter TEXT NOT NULL,
  name TEXT NOT NULL,
  class_teacher_id INTEGER REFERENCES persons(id),
  UNIQUE (school_id, year_id, name)
);

CREATE TABLE class_students (
  school_id INTEGER NOT NULL REFERENCES schools(id),
  class_id INTEGER NOT NULL REFERENCES classes(id),
  student_id INTEGER NOT NULL REFERENCES persons(id),
  PRIMARY KEY (class_id, student_id)
);
CREATE INDEX class_students_student ON class_students(student_id);

CREATE TABLE parent_links (
  school_id INTEGER NOT NULL REFERENCES schools(id),
  parent_id INTEGER NOT NULL REFERENCES persons(id),
  child_id INTEGER NOT NULL REFERENCES persons(id),
  relation TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (parent_id, child_id)
);
CREATE INDEX parent_links_child ON parent_links(child_id);

-- Teacher load, simplest form: which teacher teaches which subject in which class.
CREATE TABLE teacher_subjects (
  school_id INTEGER NOT NULL REFERENCES schools(id),
  teacher_id INTEGER NOT NULL REFERENCES persons(id),
  subject_id INTEGER NOT NULL REFERENCES subjects(id),
  class_id INTEGER REFERENCES classes(id),
  UNIQUE (teacher_id, subject_id, class_id)
);
CREATE INDEX teacher_subjects_class ON teacher_subjects(class_id);
