-- 0003_school.sql: school card, settings, dictionaries (M-03)
-- Every school has its settings row (new schools get it from zh_school_seed).
INSERT OR IGNORE INTO school_settings(school_id) SELECT id FROM schools;
-- A position held by staff is archived instead of deleted (like work types and rooms).
ALTER TABLE positions ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
