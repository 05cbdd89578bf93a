-- The queue's search indexes (src/main/core/cases/search.ts), kept in step with `cases.search_text` by triggers, so
-- every path that writes cases (the mirror's apply, the demo generator, tests) keeps them without knowing of them:
-- `cases_search`: trigram FTS5 over search_text (fragments of 3+ characters: name, ID number, mobile, case number);
--   rowids only (detail=none): the queue checks each candidate with LIKE.
-- `case_name_grams`: every 1- and 2-character piece of the name (the first word of search_text), for 1–2-character
--   name searches trigrams cannot answer (a surname, most Chinese given names).
-- Both are keyed by cases.rowid (cases has no INTEGER PRIMARY KEY: a VACUUM could renumber rowids; after one, rebuild:
-- INSERT INTO cases_search (cases_search) VALUES ('rebuild') and refill case_name_grams as below).
CREATE VIRTUAL TABLE `cases_search` USING fts5(search_text, content='cases', tokenize='trigram', detail='none', columnsize=0);
--> statement-breakpoint
CREATE TABLE `case_name_grams` (`gram` text NOT NULL, `case_rowid` integer NOT NULL, PRIMARY KEY (`gram`, `case_rowid`)) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `cases_search_insert` AFTER INSERT ON `cases` BEGIN
  INSERT INTO cases_search (rowid, search_text) VALUES (new.rowid, new.search_text);
  INSERT OR IGNORE INTO case_name_grams (gram, case_rowid) SELECT substr(n.v, p.value, w.value) AS gram, new.rowid AS case_rowid FROM (SELECT upper(substr(new.search_text, 1, instr(new.search_text || ' ', ' ') - 1)) AS v) n, json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32]') p, json_each('[1,2]') w WHERE p.value + w.value - 1 <= length(n.v);
END;
--> statement-breakpoint
CREATE TRIGGER `cases_search_delete` AFTER DELETE ON `cases` BEGIN
  INSERT INTO cases_search (cases_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  DELETE FROM case_name_grams WHERE case_rowid = old.rowid AND gram IN (SELECT gram FROM (SELECT substr(n.v, p.value, w.value) AS gram, old.rowid AS case_rowid FROM (SELECT upper(substr(old.search_text, 1, instr(old.search_text || ' ', ' ') - 1)) AS v) n, json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32]') p, json_each('[1,2]') w WHERE p.value + w.value - 1 <= length(n.v)));
END;
--> statement-breakpoint
CREATE TRIGGER `cases_search_update` AFTER UPDATE OF `search_text` ON `cases` WHEN old.search_text IS NOT new.search_text BEGIN
  INSERT INTO cases_search (cases_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  DELETE FROM case_name_grams WHERE case_rowid = old.rowid AND gram IN (SELECT gram FROM (SELECT substr(n.v, p.value, w.value) AS gram, old.rowid AS case_rowid FROM (SELECT upper(substr(old.search_text, 1, instr(old.search_text || ' ', ' ') - 1)) AS v) n, json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32]') p, json_each('[1,2]') w WHERE p.value + w.value - 1 <= length(n.v)));
  INSERT INTO cases_search (rowid, search_text) VALUES (new.rowid, new.search_text);
  INSERT OR IGNORE INTO case_name_grams (gram, case_rowid) SELECT substr(n.v, p.value, w.value) AS gram, new.rowid AS case_rowid FROM (SELECT upper(substr(new.search_text, 1, instr(new.search_text || ' ', ' ') - 1)) AS v) n, json_each('[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32]') p, json_each('[1,2]') w WHERE p.value + w.value - 1 <= length(n.v);
END;
--> statement-breakpoint
-- Filled from an index holding search_text (not from the wide rows), then merged into one segment.
INSERT INTO `cases_search` (`rowid`, `search_text`) SELECT c.rowid, c.search_text FROM `cases` c INDEXED BY `cases_queue_count`;
--> statement-breakpoint
INSERT INTO `cases_search` (`cases_search`) VALUES ('optimize');
--> statement-breakpoint
WITH RECURSIVE
  n(rid, v) AS (SELECT c.rowid, upper(substr(c.search_text, 1, instr(c.search_text || ' ', ' ') - 1)) FROM `cases` c INDEXED BY `cases_queue_count`),
  g(rid, v, k) AS (SELECT rid, v, 1 FROM n WHERE length(v) > 0 UNION ALL SELECT rid, v, k + 1 FROM g WHERE k < length(v))
INSERT OR IGNORE INTO `case_name_grams` (`gram`, `case_rowid`)
  SELECT substr(v, k, w.w), rid FROM g JOIN (SELECT 1 AS w UNION ALL SELECT 2) w ON k + w.w - 1 <= length(v) ORDER BY 1, 2;
