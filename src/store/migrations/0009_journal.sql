-- 0009_journal.sql: the class journal — assignments, marks, attendance, individual homework and
-- files, period/year/exam/final marks, unlocks of locked dates, and the history of every change
-- (issue 5: M-09)

-- Pass/fail subjects (зачёт/незачёт instead of marks) are subjects.pass_fail (0002).

-- The grid reads the lessons of one class × subject between the period's dates (with only
-- lessons_class_date it looked up every lesson of the class: 830 → 3,660 grid req/s).
CREATE INDEX lessons_class_subject_date ON lessons(class_id, subject_id, date);

-- Assignments (задания) of a lesson: every current mark belongs to one.
CREATE TABLE assignments (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  lesson_id INTEGER NOT NULL REFERENCES lessons(id),
  work_type_id INTEGER NOT NULL REFERENCES work_types(id),
  weight REAL NOT NULL CHECK (weight > 0 AND weight <= 10),   -- default from the work type
  description TEXT NOT NULL DEFAULT '',
  due_date TEXT,                                               -- NULL = the lesson's date
  position INTEGER NOT NULL DEFAULT 0,                         -- order within the lesson
  created_by INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX assignments_lesson ON assignments(lesson_id);

-- Current marks: one per student per assignment (several per lesson through several assignments).
--   kind 'mark'  : value within the school's scale
--   kind 'point' : «точка», a debt to be replaced by a mark later (value NULL)
--   kind 'pass' / 'fail' : зачёт / незачёт of pass/fail subjects (value NULL)
-- AUTOINCREMENT: a removed mark's id is never given to a new one (its history is keyed by the id).
CREATE TABLE marks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  lesson_id INTEGER NOT NULL REFERENCES lessons(id),
  assignment_id INTEGER NOT NULL REFERENCES assignments(id),
  student_id INTEGER NOT NULL REFERENCES persons(id),
  kind TEXT NOT NULL DEFAULT 'mark' CHECK (kind IN ('mark', 'point', 'pass', 'fail')),
  value INTEGER,
  comment TEXT NOT NULL DEFAULT '',
  created_by INTEGER,
  created_at INTEGER NOT NULL,
  updated_by INTEGER,
  updated_at INTEGER NOT NULL,
  UNIQUE (assignment_id, student_id),
  CHECK ((kind = 'mark') = (value IS NOT NULL))
);
-- in the order a lesson's cells are read (no sort for the save's diff and answer)
CREATE INDEX marks_lesson ON marks(lesson_id, student_id, assignment_id);
CREATE INDEX marks_student ON marks(student_id, lesson_id);

-- Attendance of a student at a lesson: Н (absent), О (late), Б (ill); the class teacher's reason
-- УП / НП for absences. No row = present.
CREATE TABLE attendance (
  school_id INTEGER NOT NULL REFERENCES schools(id),
  lesson_id INTEGER NOT NULL REFERENCES lessons(id),
  student_id INTEGER NOT NULL REFERENCES persons(id),
  code TEXT NOT NULL CHECK (code IN ('Н', 'О', 'Б')),
  reason TEXT CHECK (reason IS NULL OR reason IN ('УП', 'НП')),
  comment TEXT NOT NULL DEFAULT '',
  updated_by INTEGER,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (lesson_id, student_id)
) WITHOUT ROWID;
CREATE INDEX attendance_student ON attendance(student_id, lesson_id);

-- Individual homework for chosen students (the collective one is lessons.homework).
CREATE TABLE homework_individual (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  lesson_id INTEGER NOT NULL REFERENCES lessons(id),
  student_id INTEGER NOT NULL REFERENCES persons(id),
  text TEXT NOT NULL,
  UNIQUE (lesson_id, student_id)
);

-- Files attached to a lesson's homework (student_id set = individual homework of that student).
-- AUTOINCREMENT: an old download link never fetches a later file.
CREATE TABLE homework_files (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  lesson_id INTEGER NOT NULL REFERENCES lessons(id),
  student_id INTEGER REFERENCES persons(id),
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  data BLOB NOT NULL,
  created_by INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX homework_files_lesson ON homework_files(lesson_id);

-- Period (четверть / полугодие), year, exam and final marks per student and subject.
-- Exactly one of value (within the scale) and code (н/а, осв, зач, незач) is set.
-- AUTOINCREMENT for the same reason as marks.
CREATE TABLE final_marks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  year_id INTEGER NOT NULL REFERENCES academic_years(id),
  student_id INTEGER NOT NULL REFERENCES persons(id),
  subject_id INTEGER NOT NULL REFERENCES subjects(id),
  kind TEXT NOT NULL CHECK (kind IN ('period', 'year', 'exam', 'final')),
  period_id INTEGER REFERENCES periods(id),      -- set exactly for kind 'period'
  value INTEGER,
  code TEXT,
  comment TEXT NOT NULL DEFAULT '',
  created_by INTEGER,
  created_at INTEGER NOT NULL,
  updated_by INTEGER,
  updated_at INTEGER NOT NULL,
  CHECK ((value IS NULL) <> (code IS NULL)),
  CHECK ((kind = 'period') = (period_id IS NOT NULL))
);
CREATE UNIQUE INDEX final_marks_unique
  ON final_marks(year_id, student_id, subject_id, kind, IFNULL(period_id, 0));
CREATE INDEX final_marks_period ON final_marks(period_id, subject_id);

-- A teacher's request to open a locked date, and the admin's decision: a granted unlock opens
-- that date for that teacher until expires_at (12 hours after the grant).
CREATE TABLE journal_unlocks (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  teacher_id INTEGER NOT NULL REFERENCES persons(id),
  date TEXT NOT NULL,
  lesson_id INTEGER REFERENCES lessons(id),    -- the lesson the request was made from (optional)
  reason TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'granted', 'refused')),
  requested_by INTEGER,
  requested_at INTEGER NOT NULL,
  decided_by INTEGER,
  decided_at INTEGER,
  decision_comment TEXT NOT NULL DEFAULT '',
  expires_at INTEGER                            -- set when granted
);
CREATE INDEX journal_unlocks_teacher ON journal_unlocks(teacher_id, date, status);
CREATE INDEX journal_unlocks_status ON journal_unlocks(school_id, status);

-- The history of every change in the journal: who, when, old, new. Never updated or deleted.
--   entity 'mark'       : entity_id = marks.id (kept after the mark is removed)
--   entity 'attendance' : entity_id = lesson_id, student_id set
--   entity 'lesson'     : entity_id = lesson_id (topic, homework, individual homework, assignments)
--   entity 'final'      : entity_id = final_marks.id
-- old_value / new_value are JSON objects (NULL when the thing did not exist / was removed).
CREATE TABLE journal_history (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  entity TEXT NOT NULL CHECK (entity IN ('mark', 'attendance', 'lesson', 'final')),
  entity_id INTEGER NOT NULL,
  lesson_id INTEGER,
  student_id INTEGER,
  subject_id INTEGER,
  user_id INTEGER,
  unlock_id INTEGER,                            -- the unlock this edit used, if any
  at INTEGER NOT NULL,
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX journal_history_entity ON journal_history(entity, entity_id);
CREATE INDEX journal_history_lesson ON journal_history(lesson_id, student_id);
CREATE TRIGGER journal_history_no_update BEFORE UPDATE ON journal_history
  BEGIN SELECT RAISE(ABORT, 'journal history is append-only'); END;
CREATE TRIGGER journal_history_no_delete BEFORE DELETE ON journal_history
  BEGIN SELECT RAISE(ABORT, 'journal history is append-only'); END;
