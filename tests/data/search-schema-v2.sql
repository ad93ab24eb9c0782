-- The search objects of schema versions 2 to 4 (besides the FTS5 table
-- 'search', whose definition version 5 keeps), as mdplan 36f9f08 made them;
-- the upgrade test in tests/e2e/search_test.py rebuilds databases of
-- versions 3 and 4 with them.
CREATE TABLE search_dirty(doc INTEGER PRIMARY KEY);
CREATE VIEW search_doc AS SELECT v.id * 8 + 1 AS doc, 1 AS kind, v.id AS ref, NULL AS fiscal_year, v.no AS no, v.title AS label, v.title AS title, '' AS body, '' AS plans FROM  vision v UNION ALL SELECT g.id * 8 + 2, 2, g.id, NULL, g.no, g.title, g.title, g.issues, '' FROM  goal g UNION ALL SELECT m.id * 8 + 3, 3, m.id, NULL, m.no, m.title, m.title, '', '' FROM  measure m UNION ALL SELECT a.id * 8 + 4, 4, a.id, NULL, a.no, a.text, '', a.text, '' FROM  action_item a UNION ALL SELECT f.id * 8 + 5, 5, f.id, f.fiscal_year, i.no, f.item_text, '', coalesce((SELECT group_concat(text, char(10)) FROM (SELECT text FROM text_block WHERE owner = 'followup' AND owner_id = f.id AND field = 'results' ORDER BY seq)), ''), coalesce((SELECT group_concat(text, char(10)) FROM (SELECT text FROM text_block WHERE owner = 'followup' AND owner_id = f.id AND field = 'plans' ORDER BY seq)), '') FROM  followup f LEFT JOIN action_item i ON i.id = f.action_item_id;
CREATE TRIGGER search_action_item_del AFTER DELETE ON action_item BEGIN INSERT OR IGNORE INTO search_dirty VALUES (old.id * 8 + 4); END;
CREATE TRIGGER search_action_item_ins AFTER INSERT ON action_item BEGIN INSERT OR IGNORE INTO search_dirty VALUES (new.id * 8 + 4); END;
CREATE TRIGGER search_action_item_upd AFTER UPDATE OF text ON action_item BEGIN INSERT OR IGNORE INTO search_dirty VALUES (new.id * 8 + 4); END;
CREATE TRIGGER search_block_del AFTER DELETE ON text_block WHEN old.owner = 'followup' BEGIN INSERT OR IGNORE INTO search_dirty VALUES (old.owner_id * 8 + 5); END;
CREATE TRIGGER search_block_ins AFTER INSERT ON text_block WHEN new.owner = 'followup' BEGIN INSERT OR IGNORE INTO search_dirty VALUES (new.owner_id * 8 + 5); END;
CREATE TRIGGER search_block_upd AFTER UPDATE ON text_block WHEN new.owner = 'followup' BEGIN INSERT OR IGNORE INTO search_dirty VALUES (new.owner_id * 8 + 5); END;
CREATE TRIGGER search_followup_del AFTER DELETE ON followup BEGIN INSERT OR IGNORE INTO search_dirty VALUES (old.id * 8 + 5); END;
CREATE TRIGGER search_followup_ins AFTER INSERT ON followup BEGIN INSERT OR IGNORE INTO search_dirty VALUES (new.id * 8 + 5); END;
CREATE TRIGGER search_followup_upd AFTER UPDATE OF fiscal_year, item_text ON followup BEGIN INSERT OR IGNORE INTO search_dirty VALUES (new.id * 8 + 5); END;
CREATE TRIGGER search_goal_del AFTER DELETE ON goal BEGIN INSERT OR IGNORE INTO search_dirty VALUES (old.id * 8 + 2); END;
CREATE TRIGGER search_goal_ins AFTER INSERT ON goal BEGIN INSERT OR IGNORE INTO search_dirty VALUES (new.id * 8 + 2); END;
CREATE TRIGGER search_goal_upd AFTER UPDATE OF title, issues ON goal BEGIN INSERT OR IGNORE INTO search_dirty VALUES (new.id * 8 + 2); END;
CREATE TRIGGER search_measure_del AFTER DELETE ON measure BEGIN INSERT OR IGNORE INTO search_dirty VALUES (old.id * 8 + 3); END;
CREATE TRIGGER search_measure_ins AFTER INSERT ON measure BEGIN INSERT OR IGNORE INTO search_dirty VALUES (new.id * 8 + 3); END;
CREATE TRIGGER search_measure_upd AFTER UPDATE OF title ON measure BEGIN INSERT OR IGNORE INTO search_dirty VALUES (new.id * 8 + 3); END;
CREATE TRIGGER search_vision_del AFTER DELETE ON vision BEGIN INSERT OR IGNORE INTO search_dirty VALUES (old.id * 8 + 1); END;
CREATE TRIGGER search_vision_ins AFTER INSERT ON vision BEGIN INSERT OR IGNORE INTO search_dirty VALUES (new.id * 8 + 1); END;
CREATE TRIGGER search_vision_upd AFTER UPDATE OF title ON vision BEGIN INSERT OR IGNORE INTO search_dirty VALUES (new.id * 8 + 1); END;
