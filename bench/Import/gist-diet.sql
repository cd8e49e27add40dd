-- HISTORICAL: since migration IncidentUnitAsSpatialKey (1 Dec 2026) incident has no GiST and no occurred_on index;
-- to rerun this, create `ix_incident_geom` first. The current before/after comparison is bench/Import/incident-area.py.
-- Does incident's GiST earn its build? (docs/performance.md, "Index diet examined", issue 12)
-- Run on the database `dotnet run -c Release --project bench/Import -- ../shared/data/vn 1000000 --quick --keep` leaves
-- (national communes + 1,000,000 synthetic incidents 2019-2024): run the psql command it prints (`kept: …`) with
-- `-f bench/Import/gist-diet.sql`; then drop that database and stop the cluster
-- (`pg_ctl -D .diaban/bench-pg/data stop`, as the user that owns it), or let the next bench run reuse the cluster.
-- Each query runs with the GiST, then without it (dropped inside a transaction that is rolled back), then with it again;
-- the rewrites route the box through the communes (admin_unit's GiST -> unit_id -> the (unit_id, occurred_on) btree).
-- Each query prints a count/checksum so the variants can be compared for identical results.
\timing on
DROP TABLE IF EXISTS bench_tiles;
CREATE TABLE bench_tiles AS
SELECT z, floor((ST_X(geom) + 180) / 360 * (1 << z))::int AS x,
       floor((1 - ln(tan(radians(ST_Y(geom))) + 1 / cos(radians(ST_Y(geom)))) / pi()) / 2 * (1 << z))::int AS y
FROM (SELECT geom FROM incident TABLESAMPLE BERNOULLI (0.01) REPEATABLE (7) LIMIT 12) s, generate_series(5, 13) z;
CREATE OR REPLACE FUNCTION bench_run(q text, zmin int, zmax int) RETURNS TABLE(z int, n int, total_ms float8, max_ms float8, bytes bigint) LANGUAGE plpgsql AS $$
DECLARE zz int; t record; s timestamptz; ms float8; r bytea;
BEGIN
  FOR zz IN zmin..zmax LOOP z := zz;
    n := 0; total_ms := 0; max_ms := 0; bytes := 0;
    FOR t IN SELECT * FROM bench_tiles b WHERE b.z = bench_run.z LOOP
      s := clock_timestamp();
      EXECUTE q INTO r USING t.z, t.x, t.y, 2022;
      ms := extract(epoch FROM clock_timestamp() - s) * 1000;
      n := n + 1; total_ms := total_ms + ms; max_ms := greatest(max_ms, ms); bytes := bytes + coalesce(length(r), 0);
    END LOOP;
    RETURN NEXT;
  END LOOP;
END $$;
\set scope 'WITH scope_direct AS (SELECT u.id FROM admin_unit u LEFT JOIN admin_unit p ON p.id = u.parent_id WHERE true), scope_units AS (SELECT id FROM scope_direct UNION SELECT l.old_unit_id FROM unit_lineage l JOIN scope_direct d ON d.id = l.new_unit_id), bounds AS (SELECT e.env, ST_Transform(e.env, 4326) AS env4326 FROM (SELECT ST_TileEnvelope($1, $2, $3) AS env) e)'
\set cells_gist 'cells AS (SELECT count(*)::int AS n, ST_Centroid(ST_Collect(p.g)) AS g FROM (SELECT ST_Transform(i.geom, 3857) AS g FROM incident i, bounds b WHERE i.geom && b.env4326 AND i.occurred_on >= make_date($4, 1, 1) AND i.occurred_on < make_date($4 + 1, 1, 1) AND i.unit_id IN (SELECT id FROM scope_units) '
\set cells_tail ') p GROUP BY ST_SnapToGrid(p.g, (ST_XMax(ST_TileEnvelope($1, 0, 0)) - ST_XMin(ST_TileEnvelope($1, 0, 0))) / 256)) SELECT ST_AsMVT(t, ''incident_cells'', 4096, ''geom'') FROM (SELECT c.n, ST_AsMVTGeom(c.g, b.env, 4096, 64, true) AS geom FROM cells c CROSS JOIN bounds b) t WHERE t.geom IS NOT NULL'
\set pts_head 'SELECT ST_AsMVT(t, ''incidents'', 4096, ''geom'') FROM (SELECT i.id, i.kind, i.occurred_on::text AS occurred_on, i.persons, ST_AsMVTGeom(ST_Transform(i.geom, 3857), b.env, 4096, 64, true) AS geom FROM incident i, bounds b WHERE i.geom && b.env4326 AND i.occurred_on >= make_date($4, 1, 1) AND i.occurred_on < make_date($4 + 1, 1, 1) AND i.unit_id IN (SELECT id FROM scope_units) '
\set pts_tail ') t WHERE t.geom IS NOT NULL'
\set units 'AND i.unit_id IN (SELECT u.id FROM admin_unit u, bounds bb WHERE u.geom && bb.env4326)'
-- a dense block of communes (the Red River delta box: ~2,000 communes) for the area-scoped queries
DROP TABLE IF EXISTS prov; CREATE TABLE prov AS SELECT id FROM admin_unit WHERE geom && ST_MakeEnvelope(105.3, 20.5, 106.5, 21.6, 4326);
SELECT count(*) AS communes_in_block FROM prov;
\set stat 'SELECT count(*), sum(x.id), sum(x.unit_id) FROM (SELECT DISTINCT ON (i.id) i.id, i.occurred_on, u.id AS unit_id FROM incident i JOIN admin_unit u ON u.id = ANY(ARRAY(SELECT id FROM prov)) AND ST_Covers(u.geom, i.geom) WHERE i.occurred_on >= ''2022-01-01'' AND i.occurred_on < ''2023-01-01'' ORDER BY i.id, u.code, u.id) x'
\set tow 'WITH scope_units AS (SELECT id FROM prov), commune AS (SELECT u.id, u.code, u.name, u.geom FROM admin_unit u JOIN scope_units s ON s.id = u.id WHERE u.level = ''commune''), located AS (SELECT DISTINCT ON (i.id) c.id AS unit_id, i.occurred_on, i.occurred_at FROM incident i JOIN scope_units s ON s.id = i.unit_id JOIN commune c ON ST_Covers(c.geom, i.geom) WHERE i.occurred_on >= ''2022-01-01'' AND i.occurred_on < ''2023-01-01'' AND i.kind <> ''other'' ORDER BY i.id, c.id) SELECT count(*), sum(unit_id) FROM located'
\set cc 'WITH scope_units AS (SELECT id FROM prov), commune AS (SELECT c.geom FROM admin_unit c WHERE c.id = (SELECT min(id) FROM prov)) SELECT count(*), sum(i.id) FROM incident i, commune WHERE i.unit_id IN (SELECT id FROM scope_units) AND i.occurred_on >= ''2022-01-01'' AND i.occurred_on <= ''2022-12-31'' AND ST_Covers(commune.geom, i.geom)'
\set stat2 'SELECT count(*), sum(x.id), sum(x.unit_id) FROM (SELECT DISTINCT ON (i.id) i.id, i.occurred_on, u.id AS unit_id FROM admin_unit u JOIN admin_unit n ON n.geom && u.geom JOIN incident i ON i.unit_id = n.id AND ST_Covers(u.geom, i.geom) WHERE u.id = ANY(ARRAY(SELECT id FROM prov)) AND i.occurred_on >= ''2022-01-01'' AND i.occurred_on < ''2023-01-01'' ORDER BY i.id, u.code, u.id) x'
\set tow2 'WITH scope_units AS (SELECT id FROM prov), commune AS (SELECT u.id, u.code, u.name, u.geom FROM admin_unit u JOIN scope_units s ON s.id = u.id WHERE u.level = ''commune''), located AS (SELECT DISTINCT ON (i.id) c.id AS unit_id, i.occurred_on, i.occurred_at FROM incident i JOIN scope_units s ON s.id = i.unit_id JOIN admin_unit n ON n.id = i.unit_id JOIN commune c ON c.geom && n.geom AND ST_Covers(c.geom, i.geom) WHERE i.occurred_on >= ''2022-01-01'' AND i.occurred_on < ''2023-01-01'' AND i.kind <> ''other'' ORDER BY i.id, c.id) SELECT count(*), sum(unit_id) FROM located'
\set cc2 'WITH scope_units AS (SELECT id FROM prov), commune AS (SELECT c.geom FROM admin_unit c WHERE c.id = (SELECT min(id) FROM prov)) SELECT count(*), sum(i.id) FROM incident i, commune WHERE i.unit_id IN (SELECT id FROM scope_units) AND i.unit_id IN (SELECT u.id FROM admin_unit u, commune cc WHERE u.geom && cc.geom) AND i.occurred_on >= ''2022-01-01'' AND i.occurred_on <= ''2022-12-31'' AND ST_Covers(commune.geom, i.geom)'
-- with the GiST
SELECT 'gist cells' v, * FROM bench_run(:'scope' || ', ' || :'cells_gist' || :'cells_tail', 5, 10);
SELECT 'gist points' v, * FROM bench_run(:'scope' || ' ' || :'pts_head' || :'pts_tail', 11, 13);
\echo statistics (StatisticsLayers.IncidentUnitSql), time of week per commune, the incidents of one commune (MapPointQueries)
:stat;
:tow;
:cc;
-- without it: the same SQL, then the rewrites through the communes
BEGIN;
DROP INDEX ix_incident_geom;
SELECT 'units cells' v, * FROM bench_run(:'scope' || ', ' || :'cells_gist' || :'units' || :'cells_tail', 5, 10);
SELECT 'units points' v, * FROM bench_run(:'scope' || ' ' || :'pts_head' || :'units' || :'pts_tail', 11, 13);
\echo the same three without the GiST, unchanged SQL
:stat;
:tow;
:cc;
\echo the same three without the GiST, rewritten through the communes
:stat2;
:tow2;
:cc2;
ROLLBACK;
-- with the GiST again (order effects)
SELECT 'gist cells' v, * FROM bench_run(:'scope' || ', ' || :'cells_gist' || :'cells_tail', 5, 10);
SELECT 'gist points' v, * FROM bench_run(:'scope' || ' ' || :'pts_head' || :'pts_tail', 11, 13);
:stat;
:tow;
:cc;
DROP FUNCTION bench_run; DROP TABLE bench_tiles; DROP TABLE prov;
