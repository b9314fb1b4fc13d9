-- 0013_diary.sql: the electronic diary (issue 6: M-10) — who viewed what, and the indexes of the
-- diary's reads (the hottest of the system: a student's week, marks, attendance, homework).

-- Views of a student's diary, for «ознакомлен» and the activity reports. Written in batches by
-- the views queue (src/domain/views.c), never per request; the same viewer, student, what and
-- ref are recorded at most once a minute.
CREATE TABLE diary_views (
  id INTEGER PRIMARY KEY,
  school_id INTEGER NOT NULL REFERENCES schools(id),
  viewer_user_id INTEGER NOT NULL,
  viewer_person_id INTEGER,
  student_id INTEGER NOT NULL REFERENCES persons(id),
  what TEXT NOT NULL CHECK (what IN ('week', 'marks', 'attendance', 'homework')),
  ref TEXT NOT NULL DEFAULT '',          -- the week's Monday or the period id
  at INTEGER NOT NULL
);
CREATE INDEX diary_views_student ON diary_views(student_id, at);

-- A student's period marks (the diary reads them per student, the journal per period).
CREATE INDEX final_marks_student ON final_marks(student_id, period_id);
-- Subgroups a student belongs to (the week keeps only the student's own subgroup lessons).
CREATE INDEX subgroup_students_student ON subgroup_students(student_id, subgroup_id);
-- Homework files of a lesson come with the lesson; individual homework by student.
CREATE INDEX homework_individual_student ON homework_individual(student_id, lesson_id);
