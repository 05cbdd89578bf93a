-- The queue's search indexes (src/main/core/cases/search.ts), kept in step with `cases.search_text` by triggers, so
-- every path that writes cases (the mirror's apply, the demo generator, tests) keeps them without knowing of them:
-- `cases_search`: trigram FTS5 over search_text (fragments of 3+ characters: name, ID number, mobile, case number);
--   rowids only (detail=none): the queue checks each candidate with LIKE.
-- `case_name_grams`: every 1- and 2-character piece of search_text with no ASCII character in it (the name's, wherever
--   it stands and however long), for 1–2-character name searches trigrams cannot answer (a surname, most Chinese given names).
-- Both are keyed by cases.rowid (cases has no INTEGER PRIMARY KEY: a VACUUM could renumber rowids; after one, rebuild:
-- INSERT INTO cases_search (cases_search) VALUES ('rebuild') and refill case_name_grams as below).
CREATE VIRTUAL TABLE `cases_search` USING fts5(search_text, content='cases', tokenize='trigram', detail='none', columnsize=0);
--> statement-breakpoint
CREATE TABLE `case_name_grams` (`gram` text NOT NULL, `case_rowid` integer NOT NULL, PRIMARY KEY (`gram`, `case_rowid`)) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `cases_search_insert` AFTER INSERT ON `cases` BEGIN
  INSERT INTO cases_search (rowid, search_text) VALUES (new.rowid, new.search_text);
  INSERT OR IGNORE INTO case_name_grams (gram, case_rowid) SELECT g.gram, new.rowid AS case_rowid FROM (SELECT substr(upper(new.search_text), p.key + 1, w.value) AS gram FROM json_each('[' || rtrim(replace(hex(zeroblob(length(new.search_text))), '00', '0,'), ',') || ']') p, json_each('[1,2]') w WHERE p.key + w.value <= length(new.search_text)) g WHERE g.gram NOT GLOB '*[ -~]*';
END;
--> statement-breakpoint
CREATE TRIGGER `cases_search_delete` AFTER DELETE ON `cases` BEGIN
  INSERT INTO cases_search (cases_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  DELETE FROM case_name_grams WHERE case_rowid = old.rowid AND gram IN (SELECT gram FROM (SELECT g.gram, old.rowid AS case_rowid FROM (SELECT substr(upper(old.search_text), p.key + 1, w.value) AS gram FROM json_each('[' || rtrim(replace(hex(zeroblob(length(old.search_text))), '00', '0,'), ',') || ']') p, json_each('[1,2]') w WHERE p.key + w.value <= length(old.search_text)) g WHERE g.gram NOT GLOB '*[ -~]*'));
END;
--> statement-breakpoint
CREATE TRIGGER `cases_search_update` AFTER UPDATE OF `search_text` ON `cases` WHEN old.search_text IS NOT new.search_text BEGIN
  INSERT INTO cases_search (cases_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  DELETE FROM case_name_grams WHERE case_rowid = old.rowid AND gram IN (SELECT gram FROM (SELECT g.gram, old.rowid AS case_rowid FROM (SELECT substr(upper(old.search_text), p.key + 1, w.value) AS gram FROM json_each('[' || rtrim(replace(hex(zeroblob(length(old.search_text))), '00', '0,'), ',') || ']') p, json_each('[1,2]') w WHERE p.key + w.value <= length(old.search_text)) g WHERE g.gram NOT GLOB '*[ -~]*'));
  INSERT INTO cases_search (rowid, search_text) VALUES (new.rowid, new.search_text);
  INSERT OR IGNORE INTO case_name_grams (gram, case_rowid) SELECT g.gram, new.rowid AS case_rowid FROM (SELECT substr(upper(new.search_text), p.key + 1, w.value) AS gram FROM json_each('[' || rtrim(replace(hex(zeroblob(length(new.search_text))), '00', '0,'), ',') || ']') p, json_each('[1,2]') w WHERE p.key + w.value <= length(new.search_text)) g WHERE g.gram NOT GLOB '*[ -~]*';
END;
--> statement-breakpoint
-- Filled from an index holding search_text (not from the wide rows), then merged into one segment.
INSERT INTO `cases_search` (`rowid`, `search_text`) SELECT c.rowid, c.search_text FROM `cases` c INDEXED BY `cases_queue_count`;
--> statement-breakpoint
INSERT INTO `cases_search` (`cases_search`) VALUES ('optimize');
--> statement-breakpoint
INSERT OR IGNORE INTO `case_name_grams` (`gram`, `case_rowid`)
  SELECT g.gram, g.rid FROM (SELECT c.rowid AS rid, substr(upper(c.search_text), p.key + 1, w.value) AS gram FROM `cases` c INDEXED BY `cases_queue_count`, json_each('[' || rtrim(replace(hex(zeroblob(length(c.search_text))), '00', '0,'), ',') || ']') p, json_each('[1,2]') w WHERE p.key + w.value <= length(c.search_text)) g
  WHERE g.gram NOT GLOB '*[ -~]*' ORDER BY 1, 2;
