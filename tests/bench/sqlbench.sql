-- make bench: sqlite3 in memory: a generated table, an index, grouped aggregates and a join
CREATE TABLE t(id INTEGER PRIMARY KEY, g INTEGER, v INTEGER, s TEXT);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 200000)
INSERT INTO t SELECT i, i % 97, (i * 7919) % 100003, printf('row%08d', (i * 31) % 200000) FROM c;
CREATE INDEX t_s ON t(s);
SELECT g, count(*), sum(v), min(s), max(s) FROM t GROUP BY g ORDER BY sum(v) DESC LIMIT 5;
SELECT count(*) FROM t a JOIN t b ON a.s = b.s WHERE a.g < 10;
SELECT sum(length(s) * v) % 1000003 FROM t WHERE s LIKE 'row0001%';
