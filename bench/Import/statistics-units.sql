-- StatisticsLayers.IncidentUnitSql before and after issue 12.3 (docs/performance.md, "Statistics: incidents to units").
-- Run on the database `dotnet run -c Release --project bench/Import -- ../shared/data/vn 1000000 --quick --keep` leaves
-- (national communes + 1,000,000 synthetic incidents 2019-2024): the psql command it prints (`kept: …`) with
-- `-f bench/Import/statistics-units.sql`; then drop that database and stop the cluster as gist-diet.sql says.
-- Former join (incident's GiST probed once per unit) and the current SQL, same parameters, in one session with the
-- server's defaults (JIT as the app gets it), new/former/new; each prints count and checksums, which must agree.
\timing on
DROP TABLE IF EXISTS prov; CREATE TABLE prov AS SELECT id FROM admin_unit WHERE geom && ST_MakeEnvelope(105.3, 20.5, 106.5, 21.6, 4326);
SELECT count(*) AS communes_in_block FROM prov;
SELECT array_agg(id)::text AS ids FROM prov \gset
PREPARE former(int[], date, date) AS SELECT count(*), sum(x.id), sum(x.unit_id) FROM (
    SELECT DISTINCT ON (i.id) i.id, i.occurred_on, u.id AS unit_id
    FROM incident i
    JOIN admin_unit u ON u.id = ANY($1) AND ST_Covers(u.geom, i.geom)
    WHERE i.occurred_on >= $2 AND i.occurred_on < $3
    ORDER BY i.id, u.code, u.id) x;
-- keep in step with src/Geo/Queries/StatisticsLayers.cs IncidentUnitSql (@ids, @from, @next -> $1, $2, $3)
PREPARE current(int[], date, date) AS SELECT count(*), sum(x.id), sum(x.unit_id) FROM (
    SELECT DISTINCT ON (x.id) x.id, x.occurred_on, x.unit_id
    FROM (
        SELECT i.id, i.occurred_on, u.id AS unit_id, u.code
        FROM admin_unit u
        JOIN admin_unit n ON n.geom && u.geom
        JOIN incident i ON i.unit_id = n.id AND i.occurred_on >= $2 AND i.occurred_on < $3
                       AND ST_Covers(u.geom, i.geom)
        WHERE u.id = ANY($1)
        UNION ALL
        SELECT i.id, i.occurred_on, u.id, u.code
        FROM incident i
        LEFT JOIN admin_unit n ON n.id = i.unit_id
        JOIN admin_unit u ON u.geom && i.geom AND u.id = ANY($1) AND ST_Covers(u.geom, i.geom)
        WHERE i.occurred_on >= $2 AND i.occurred_on < $3 AND (n.id IS NULL OR NOT (i.geom @ n.geom))
    ) x
    ORDER BY x.id, x.code, x.unit_id) x;
\echo 2,034 communes of the delta, year 2022: current, former, current
EXECUTE current(:'ids', '2022-01-01', '2023-01-01');
EXECUTE former(:'ids', '2022-01-01', '2023-01-01');
EXECUTE current(:'ids', '2022-01-01', '2023-01-01');
DEALLOCATE former; DEALLOCATE current; DROP TABLE prov;
