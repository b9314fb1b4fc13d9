-- 0002_school_contingent.sql: school card and settings, dictionaries, years and periods,
-- classes, subjects, subgroups, curriculum, teacher load, school-scoped people records and cards,
-- movement book, year rollover, imports (issue 3: M-03 – M-06)

-- ---- school card, settings, dictionaries (M-03) ----
-- The requisites card: a JSON object whose fields the domain validates (src/domain/school.c).
CREATE TABLE school_cards (
  school_id INTEGER PRIMARY KEY REFERENCES schools(id),
  data TEXT NOT NULL DEFAULT '{}',
  updated_at INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE school_settings (
  school_id INTEGER PRIMARY KEY REFERENCES schools(id),
  mark_min INTEGER NOT NULL DEFAULT 2,
  mark_max INTEGER NOT NULL DEFAULT 5,
  noo_last_grade INTEGER NOT NULL DEFAULT 4,     -- НОО 1..4
  ooo_last_grade INTEGER NOT NULL DEFAULT 9,     -- ООО 5..9, СОО 10..11
  averaging TEXT NOT NULL DEFAULT 'weighted' CHECK (averaging IN ('arithmetic', 'weighted')),
  round_threshold REAL NOT NULL DEFAULT 0.5,     -- 3.5 → 4 with 0.5; 3.6 → 4 with 0.6
  lock_days INTEGER NOT NULL DEFAULT 7 CHECK (lock_days BETWEEN 0 AND 365),
  forbid_past_homework INTEGER NOT NULL DEFAULT 0,
  period_marks_due_days INTEGER NOT NULL DEFAULT 3,
  notify_email INTEGER NOT NULL DEFAULT 0,
  smtp_host TEXT NOT NULL DEFAULT '',
  smtp_port INTEGER NOT NULL DEFAULT 25,
  smtp_user TEXT NOT NULL DEFAULT '',
  smtp_password TEXT NOT NULL DEFAULT '',        -- never returned by the API
  smtp_from TEXT NOT NULL DEFAULT '',
  notify_sms INTEGER NOT NULL DEFAULT 0,
  sms_gateway_url TEXT NOT NULL DEFAULT '',
  sms_sender TEXT NOT NULL DEFAULT '',
  sms_token TEXT NOT NULL DEFAULT '',            -- never returned by the API
  updated_at INTEGER NOT NULL DEFAULT 0,
  CHECK (mark_min < mark_max)
);

CREATE TABLE work_types (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  name TEXT NOT NULL,
  short_name TEXT NOT NULL DEFAULT '',
  weight REAL NOT NULL DEFAULT 1 CHECK (weight > 0 AND weight <= 10),
  archived INTEGER NOT NULL DEFAULT 0,
  UNIQUE (school_id, name)
);

-- Н (absent), О (late), Б (ill) are kinds 'absent', 'late', 'ill'; УП/НП are kind 'reason'.
CREATE TABLE attendance_codes (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('absent', 'late', 'ill', 'reason')),
  UNIQUE (school_id, code)
);

-- н/а, осв, зач, незач
CREATE TABLE mark_codes (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  passing INTEGER NOT NULL DEFAULT 0,
  UNIQUE (school_id, code)
);

CREATE TABLE positions (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  name TEXT NOT NULL,
  UNIQUE (school_id, name)
);

CREATE TABLE rooms (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  name TEXT NOT NULL,                 -- "214", "Спортзал"
  building TEXT NOT NULL DEFAULT '',
  floor INTEGER,
  capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),
  subject_id INTEGER REFERENCES subjects(id),
  archived INTEGER NOT NULL DEFAULT 0,
  UNIQUE (school_id, name)
);

-- ---- years, periods, holidays (M-05) ----
-- Which kind of periods a range of grades uses in a year (quarters for 1–9, halves for 10–11).
CREATE TABLE year_period_kinds (
  school_id INTEGER NOT NULL REFERENCES schools(id),
  year_id INTEGER NOT NULL REFERENCES academic_years(id),
  grade_from INTEGER NOT NULL CHECK (grade_from BETWEEN 1 AND 11),
  grade_to INTEGER NOT NULL CHECK (grade_to BETWEEN 1 AND 11),
  kind TEXT NOT NULL CHECK (kind IN ('quarter', 'trimester', 'half')),
  PRIMARY KEY (year_id, grade_from),
  CHECK (grade_from <= grade_to)
);

CREATE TABLE periods (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  year_id INTEGER NOT NULL REFERENCES academic_years(id),
  kind TEXT NOT NULL CHECK (kind IN ('quarter', 'trimester', 'half')),
  number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 4),
  name TEXT NOT NULL,                 -- "1 четверть"
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  UNIQUE (year_id, kind, number),
  CHECK (start_date <= end_date)
);

CREATE TABLE holidays (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  year_id INTEGER NOT NULL REFERENCES academic_years(id),
  name TEXT NOT NULL,                 -- "Осенние каникулы", "Дополнительные каникулы для 1 классов"
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  grade_from INTEGER NOT NULL DEFAULT 1,
  grade_to INTEGER NOT NULL DEFAULT 11,
  CHECK (start_date <= end_date)
);

-- ---- classes, subjects, subgroups, curriculum, teacher load (M-05) ----
ALTER TABLE classes ADD COLUMN profile TEXT NOT NULL DEFAULT '';
ALTER TABLE classes ADD COLUMN shift INTEGER NOT NULL DEFAULT 1;
ALTER TABLE classes ADD COLUMN prev_class_id INTEGER REFERENCES classes(id);  -- 5А of last year for 6А
ALTER TABLE subjects ADD COLUMN pass_fail INTEGER NOT NULL DEFAULT 0;        -- зачёт/незачёт
ALTER TABLE subjects ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;

CREATE TABLE subgroups (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  class_id INTEGER NOT NULL REFERENCES classes(id),
  subject_id INTEGER NOT NULL REFERENCES subjects(id),
  name TEXT NOT NULL,                 -- "Группа 1"
  UNIQUE (class_id, subject_id, name)
);

CREATE TABLE subgroup_students (
  school_id INTEGER NOT NULL REFERENCES schools(id),
  subgroup_id INTEGER NOT NULL REFERENCES subgroups(id) ON DELETE CASCADE,
  student_id INTEGER NOT NULL REFERENCES persons(id),
  PRIMARY KEY (subgroup_id, student_id)
);

CREATE TABLE curriculum (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  year_id INTEGER NOT NULL REFERENCES academic_years(id),
  grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 11),
  subject_id INTEGER NOT NULL REFERENCES subjects(id),
  hours_per_week REAL NOT NULL CHECK (hours_per_week >= 0 AND hours_per_week <= 40),
  UNIQUE (year_id, grade, subject_id)
);

-- Тарификация: teacher × class or subgroup × subject × hours; replaces teacher_subjects.
CREATE TABLE teacher_load (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  year_id INTEGER NOT NULL REFERENCES academic_years(id),
  teacher_id INTEGER NOT NULL REFERENCES persons(id),
  class_id INTEGER NOT NULL REFERENCES classes(id),
  subgroup_id INTEGER REFERENCES subgroups(id),
  subject_id INTEGER NOT NULL REFERENCES subjects(id),
  hours_per_week REAL NOT NULL DEFAULT 0 CHECK (hours_per_week >= 0 AND hours_per_week <= 40),
  UNIQUE (teacher_id, class_id, subject_id, subgroup_id)
);
CREATE INDEX teacher_load_class ON teacher_load(class_id, subject_id);
CREATE INDEX teacher_load_teacher ON teacher_load(teacher_id);
INSERT INTO teacher_load(school_id, year_id, teacher_id, class_id, subject_id)
  SELECT t.school_id, c.year_id, t.teacher_id, t.class_id, t.subject_id
  FROM teacher_subjects t JOIN classes c ON c.id = t.class_id;
DROP TABLE teacher_subjects;

-- ---- school-scoped people records and cards (M-04) ----
-- A student of a school: status and the dates of entering and leaving.
CREATE TABLE students (
  school_id INTEGER NOT NULL REFERENCES schools(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  status TEXT NOT NULL DEFAULT 'enrolled'
    CHECK (status IN ('applicant', 'enrolled', 'withdrawn', 'graduated')),
  personal_file_no TEXT NOT NULL DEFAULT '',
  enrolled_on TEXT,
  left_on TEXT,                       -- parents lose diary access after this date
  PRIMARY KEY (school_id, person_id)
) WITHOUT ROWID;
INSERT INTO students(school_id, person_id)
  SELECT DISTINCT school_id, student_id FROM class_students;

CREATE TABLE staff (
  school_id INTEGER NOT NULL REFERENCES schools(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  personnel_no TEXT NOT NULL DEFAULT '',
  hired_on TEXT,
  left_on TEXT,
  PRIMARY KEY (school_id, person_id)
) WITHOUT ROWID;

-- Card field groups as JSON objects: kind 'student' | 'parent' | 'staff'; grp e.g. 'personal',
-- 'documents', 'contacts', 'medical' (medic/admin only), 'psych' (psychologist/admin only).
CREATE TABLE person_cards (
  school_id INTEGER NOT NULL REFERENCES schools(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  kind TEXT NOT NULL CHECK (kind IN ('student', 'parent', 'staff')),
  grp TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}',
  updated_at INTEGER NOT NULL DEFAULT 0,
  updated_by INTEGER,
  PRIMARY KEY (school_id, person_id, kind, grp)
) WITHOUT ROWID;

CREATE TABLE staff_positions (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  position_id INTEGER NOT NULL REFERENCES positions(id),
  rate REAL NOT NULL DEFAULT 1,
  category TEXT NOT NULL DEFAULT '',  -- квалификационная категория
  attested_on TEXT,
  next_attestation_on TEXT
);

-- ---- movement book (M-06) and year rollover (M-05) ----
CREATE TABLE movements (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  student_id INTEGER NOT NULL REFERENCES persons(id),
  kind TEXT NOT NULL CHECK (kind IN ('enrol', 'transfer', 'withdraw', 'promote', 'repeat', 'graduate')),
  date TEXT NOT NULL,
  order_no TEXT NOT NULL DEFAULT '',
  order_date TEXT,
  from_class_id INTEGER REFERENCES classes(id),
  to_class_id INTEGER REFERENCES classes(id),
  from_place TEXT NOT NULL DEFAULT '', -- another school, kindergarten
  to_place TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  created_by INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX movements_student ON movements(school_id, student_id, date);
CREATE INDEX movements_date ON movements(school_id, date);

CREATE TABLE year_decisions (
  school_id INTEGER NOT NULL REFERENCES schools(id),
  year_id INTEGER NOT NULL REFERENCES academic_years(id),
  student_id INTEGER NOT NULL REFERENCES persons(id),
  decision TEXT NOT NULL CHECK (decision IN ('promoted', 'conditional', 'repeat', 'withdrawn', 'graduated')),
  protocol_no TEXT NOT NULL,
  protocol_date TEXT NOT NULL,
  PRIMARY KEY (year_id, student_id)
) WITHOUT ROWID;

CREATE TABLE rollovers (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  from_year_id INTEGER NOT NULL UNIQUE REFERENCES academic_years(id),
  to_year_id INTEGER NOT NULL REFERENCES academic_years(id),
  done_at INTEGER NOT NULL,
  done_by INTEGER
);

-- ---- imports (M-04): the uploaded file is kept between the dry run and the apply ----
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  kind TEXT NOT NULL CHECK (kind IN ('students', 'parents', 'staff', 'classes')),
  filename TEXT NOT NULL,
  content BLOB NOT NULL,
  report TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'checked' CHECK (status IN ('checked', 'applied', 'failed')),
  created_by INTEGER,
  created_at INTEGER NOT NULL
);
