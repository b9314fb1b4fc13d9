-- 0008_timetable.sql: bell schedules, weekly timetable, concrete lessons and their changes,
-- events, in-app notifications, thematic plans (issue 4: M-07, M-08)

CREATE TABLE bell_schedules (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  name TEXT NOT NULL,                  -- "Основное расписание звонков", "Сокращённые уроки"
  shift INTEGER NOT NULL DEFAULT 1 CHECK (shift IN (1, 2)),
  is_default INTEGER NOT NULL DEFAULT 0,
  UNIQUE (school_id, name)
);

CREATE TABLE bells (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  schedule_id INTEGER NOT NULL REFERENCES bell_schedules(id) ON DELETE CASCADE,
  number INTEGER NOT NULL CHECK (number BETWEEN 0 AND 12),   -- 0 = «нулевой урок»
  start_time TEXT NOT NULL,            -- "08:30"
  end_time TEXT NOT NULL,
  UNIQUE (schedule_id, number),
  CHECK (start_time < end_time)
);

-- The weekly timetable of a period: one row per lesson slot of a class or subgroup.
CREATE TABLE timetable_entries (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  period_id INTEGER NOT NULL REFERENCES periods(id),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),  -- 1 = понедельник
  lesson_number INTEGER NOT NULL CHECK (lesson_number BETWEEN 0 AND 12),
  class_id INTEGER NOT NULL REFERENCES classes(id),
  subgroup_id INTEGER REFERENCES subgroups(id),
  subject_id INTEGER NOT NULL REFERENCES subjects(id),
  teacher_id INTEGER NOT NULL REFERENCES persons(id),
  room_id INTEGER REFERENCES rooms(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX timetable_slot ON timetable_entries(period_id, weekday, lesson_number);
CREATE INDEX timetable_class ON timetable_entries(class_id, period_id);
CREATE INDEX timetable_teacher ON timetable_entries(teacher_id, period_id);

-- Concrete dated lessons, generated from the timetable over the period minus holidays.
CREATE TABLE lessons (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  period_id INTEGER NOT NULL REFERENCES periods(id),
  entry_id INTEGER REFERENCES timetable_entries(id) ON DELETE SET NULL,
  date TEXT NOT NULL,
  lesson_number INTEGER NOT NULL CHECK (lesson_number BETWEEN 0 AND 12),
  class_id INTEGER NOT NULL REFERENCES classes(id),
  subgroup_id INTEGER REFERENCES subgroups(id),
  subject_id INTEGER NOT NULL REFERENCES subjects(id),
  teacher_id INTEGER NOT NULL REFERENCES persons(id),
  room_id INTEGER REFERENCES rooms(id),
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
  extra INTEGER NOT NULL DEFAULT 0,     -- an extra lesson added for a date
  flagged INTEGER NOT NULL DEFAULT 0,   -- kept after a timetable change because it has data
  topic TEXT NOT NULL DEFAULT '',
  homework TEXT NOT NULL DEFAULT '',
  plan_topic_id INTEGER,                -- the КТП topic applied to it
  created_at INTEGER NOT NULL
);
CREATE INDEX lessons_class_date ON lessons(class_id, date);
CREATE INDEX lessons_teacher_date ON lessons(teacher_id, date);
CREATE INDEX lessons_entry ON lessons(entry_id);

-- Changes for a date: substitution (the substitute gets journal access to that lesson only),
-- room change, cancellation, extra lesson.
CREATE TABLE lesson_changes (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  lesson_id INTEGER NOT NULL REFERENCES lessons(id),
  kind TEXT NOT NULL CHECK (kind IN ('substitution', 'room', 'cancel', 'extra')),
  substitute_id INTEGER REFERENCES persons(id),
  room_id INTEGER REFERENCES rooms(id),
  reason TEXT NOT NULL DEFAULT '',
  created_by INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX lesson_changes_lesson ON lesson_changes(lesson_id);
CREATE INDEX lesson_changes_substitute ON lesson_changes(substitute_id);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  date TEXT NOT NULL,
  start_time TEXT,
  end_time TEXT,
  place TEXT NOT NULL DEFAULT '',
  audience TEXT NOT NULL DEFAULT 'school' CHECK (audience IN ('school', 'class', 'staff', 'parents')),
  class_id INTEGER REFERENCES classes(id),
  created_by INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX events_date ON events(school_id, date);

-- In-app notifications (delivery channels come with the diary issue).
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  person_id INTEGER NOT NULL REFERENCES persons(id),
  kind TEXT NOT NULL,                  -- 'timetable_change', 'event', ...
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  entity TEXT NOT NULL DEFAULT '',
  entity_id INTEGER,
  created_at INTEGER NOT NULL,
  read_at INTEGER
);
CREATE INDEX notifications_person ON notifications(person_id, read_at);

-- Thematic plans (КТП): teacher × class or subgroup × subject × year.
CREATE TABLE plans (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  year_id INTEGER NOT NULL REFERENCES academic_years(id),
  teacher_id INTEGER NOT NULL REFERENCES persons(id),
  class_id INTEGER NOT NULL REFERENCES classes(id),
  subgroup_id INTEGER REFERENCES subgroups(id),
  subject_id INTEGER NOT NULL REFERENCES subjects(id),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
  comment TEXT NOT NULL DEFAULT '',
  approved_by INTEGER,
  approved_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX plans_unique ON plans(year_id, teacher_id, class_id, IFNULL(subgroup_id, 0), subject_id);

CREATE TABLE plan_topics (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  hours REAL NOT NULL DEFAULT 1 CHECK (hours > 0 AND hours <= 100),
  lesson_type TEXT NOT NULL DEFAULT 'урок',
  kes_codes TEXT NOT NULL DEFAULT '',  -- коды элементов содержания, через запятую
  homework TEXT NOT NULL DEFAULT '',
  UNIQUE (plan_id, position)
);
