-- The search indexes written once per batch of cases, not once per case (src/main/core/cases/search-batch.ts).
-- FTS5 writes its pending terms out at every statement that changes it: a case inserted by its own statement (the
-- mirror's apply) made one tiny segment per case, merged later — ~10x the work of indexing the same rows in one
-- statement. While a transaction holds a row in `search_batch`, the triggers leave the cases with a rowid above its
-- `after_rowid` (the cases added since) alone, and the batch indexes them all in two statements before it commits.
-- Outside a batch the table is empty and the triggers index every change as before.
-- Also: the 1-2-character pieces are cut from search_text with its tail of printable ASCII (ID number, mobile, case
-- number) trimmed, once per case (the set ordered digits and letters first: rtrim looks each character up in it):
-- the same pieces as before (a piece with a printable ASCII character in it is left out anyway), ~10x less work
-- (substr on UTF-8 text counts from its start: cutting the whole text walked it once per piece).
CREATE TABLE `search_batch` (`after_rowid` integer NOT NULL);
--> statement-breakpoint
DROP TRIGGER `cases_search_insert`;
--> statement-breakpoint
DROP TRIGGER `cases_search_delete`;
--> statement-breakpoint
DROP TRIGGER `cases_search_update`;
--> statement-breakpoint
CREATE TRIGGER `cases_search_insert` AFTER INSERT ON `cases` WHEN NOT EXISTS (SELECT 1 FROM search_batch b WHERE new.rowid > b.after_rowid) BEGIN
  INSERT INTO cases_search (rowid, search_text) VALUES (new.rowid, new.search_text);
  INSERT OR IGNORE INTO case_name_grams (gram, case_rowid) SELECT g.gram, new.rowid AS case_rowid FROM (SELECT substr(t.name, p.key + 1, w.value) AS gram FROM (SELECT rtrim(new.search_text, ' 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~') AS name LIMIT 1) t, json_each('[' || rtrim(replace(hex(zeroblob(length(t.name))), '00', '0,'), ',') || ']') p, json_each('[1,2]') w WHERE p.key + w.value <= length(t.name)) g WHERE g.gram NOT GLOB '*[ -~]*';
END;
--> statement-breakpoint
CREATE TRIGGER `cases_search_delete` AFTER DELETE ON `cases` WHEN NOT EXISTS (SELECT 1 FROM search_batch b WHERE old.rowid > b.after_rowid) BEGIN
  INSERT INTO cases_search (cases_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  DELETE FROM case_name_grams WHERE case_rowid = old.rowid AND gram IN (SELECT gram FROM (SELECT g.gram, old.rowid AS case_rowid FROM (SELECT substr(t.name, p.key + 1, w.value) AS gram FROM (SELECT rtrim(old.search_text, ' 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~') AS name LIMIT 1) t, json_each('[' || rtrim(replace(hex(zeroblob(length(t.name))), '00', '0,'), ',') || ']') p, json_each('[1,2]') w WHERE p.key + w.value <= length(t.name)) g WHERE g.gram NOT GLOB '*[ -~]*'));
END;
--> statement-breakpoint
CREATE TRIGGER `cases_search_update` AFTER UPDATE OF `search_text` ON `cases` WHEN old.search_text IS NOT new.search_text AND NOT EXISTS (SELECT 1 FROM search_batch b WHERE old.rowid > b.after_rowid) BEGIN
  INSERT INTO cases_search (cases_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
  DELETE FROM case_name_grams WHERE case_rowid = old.rowid AND gram IN (SELECT gram FROM (SELECT g.gram, old.rowid AS case_rowid FROM (SELECT substr(t.name, p.key + 1, w.value) AS gram FROM (SELECT rtrim(old.search_text, ' 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~') AS name LIMIT 1) t, json_each('[' || rtrim(replace(hex(zeroblob(length(t.name))), '00', '0,'), ',') || ']') p, json_each('[1,2]') w WHERE p.key + w.value <= length(t.name)) g WHERE g.gram NOT GLOB '*[ -~]*'));
  INSERT OR IGNORE INTO case_name_grams (gram, case_rowid) SELECT g.gram, new.rowid AS case_rowid FROM (SELECT substr(t.name, p.key + 1, w.value) AS gram FROM (SELECT rtrim(new.search_text, ' 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~') AS name LIMIT 1) t, json_each('[' || rtrim(replace(hex(zeroblob(length(t.name))), '00', '0,'), ',') || ']') p, json_each('[1,2]') w WHERE p.key + w.value <= length(t.name)) g WHERE g.gram NOT GLOB '*[ -~]*';
  INSERT INTO cases_search (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
