-- 0016_diary_cache.sql: a generation number per school that every write to what a diary week
-- shows moves on, in the same transaction as the write (triggers), so a cached week is valid
-- exactly while the generation it was built at is current (src/domain/diary_cache.c).
-- Bulk loaders (the region generator) put a row into bulk_load while they copy millions of rows
-- and set the generations themselves at the end.

CREATE TABLE school_gen (
  school_id INTEGER PRIMARY KEY,
  gen INTEGER NOT NULL
);
CREATE TABLE bulk_load (
  started_at INTEGER NOT NULL
);

CREATE TRIGGER marks_gen_insert AFTER INSERT ON marks WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER marks_gen_update AFTER UPDATE ON marks WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER marks_gen_delete AFTER DELETE ON marks WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (OLD.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER attendance_gen_insert AFTER INSERT ON attendance WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER attendance_gen_update AFTER UPDATE ON attendance WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER attendance_gen_delete AFTER DELETE ON attendance WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (OLD.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER lessons_gen_insert AFTER INSERT ON lessons WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER lessons_gen_update AFTER UPDATE ON lessons WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER lessons_gen_delete AFTER DELETE ON lessons WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (OLD.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER assignments_gen_insert AFTER INSERT ON assignments WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER assignments_gen_update AFTER UPDATE ON assignments WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER assignments_gen_delete AFTER DELETE ON assignments WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (OLD.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER lesson_changes_gen_insert AFTER INSERT ON lesson_changes WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER lesson_changes_gen_update AFTER UPDATE ON lesson_changes WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER lesson_changes_gen_delete AFTER DELETE ON lesson_changes WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (OLD.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER homework_individual_gen_insert AFTER INSERT ON homework_individual WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER homework_individual_gen_update AFTER UPDATE ON homework_individual WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER homework_individual_gen_delete AFTER DELETE ON homework_individual WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (OLD.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER homework_files_gen_insert AFTER INSERT ON homework_files WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER homework_files_gen_update AFTER UPDATE ON homework_files WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER homework_files_gen_delete AFTER DELETE ON homework_files WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (OLD.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER events_gen_insert AFTER INSERT ON events WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER events_gen_update AFTER UPDATE ON events WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER events_gen_delete AFTER DELETE ON events WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (OLD.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER bells_gen_insert AFTER INSERT ON bells WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER bells_gen_update AFTER UPDATE ON bells WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER bells_gen_delete AFTER DELETE ON bells WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (OLD.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER subgroup_students_gen_insert AFTER INSERT ON subgroup_students WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER subgroup_students_gen_update AFTER UPDATE ON subgroup_students WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER subgroup_students_gen_delete AFTER DELETE ON subgroup_students WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (OLD.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER class_students_gen_insert AFTER INSERT ON class_students WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER class_students_gen_update AFTER UPDATE ON class_students WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER class_students_gen_delete AFTER DELETE ON class_students WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (OLD.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER rooms_gen_insert AFTER INSERT ON rooms WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER rooms_gen_update AFTER UPDATE ON rooms WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER rooms_gen_delete AFTER DELETE ON rooms WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (OLD.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER subjects_gen_insert AFTER INSERT ON subjects WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER subjects_gen_update AFTER UPDATE ON subjects WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER subjects_gen_delete AFTER DELETE ON subjects WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (OLD.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER work_types_gen_insert AFTER INSERT ON work_types WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER work_types_gen_update AFTER UPDATE ON work_types WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (NEW.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
CREATE TRIGGER work_types_gen_delete AFTER DELETE ON work_types WHEN NOT EXISTS (SELECT 1 FROM bulk_load)
  BEGIN INSERT INTO school_gen(school_id, gen) VALUES (OLD.school_id, 1)
        ON CONFLICT(school_id) DO UPDATE SET gen = gen + 1; END;
