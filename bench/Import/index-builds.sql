-- How incident's index builds spend their time at national size (docs/performance.md, "Ingest", seventh change of
-- issue 12). Run on the database `dotnet run -c Release --project bench/Import -- ../shared/data/vn 5000000 --quick --keep`
-- leaves: the psql command it prints (`kept: …`) with `-f bench/Import/index-builds.sql`. Every index is built beside
-- the importer's own and dropped again; the settings are the importer's (IncidentIndexes.BuildSettings).
SET maintenance_work_mem = '1GB';
SET max_parallel_maintenance_workers = 2;
\timing on
\echo the point index as the importer builds it; trace_sort logs the sorted build: heap scan, sort, then the tree
SET trace_sort = on;
SET client_min_messages = log;
CREATE INDEX bench_gist_auto ON incident USING gist (geom);
RESET trace_sort;
RESET client_min_messages;
DROP INDEX bench_gist_auto;
\echo buffering off (still the sorted build), SP-GiST (spgist_geometry_ops_2d), the default again
CREATE INDEX bench_gist_off ON incident USING gist (geom) WITH (buffering = off);
DROP INDEX bench_gist_off;
CREATE INDEX bench_spgist ON incident USING spgist (geom);
DROP INDEX bench_spgist;
CREATE INDEX bench_gist_auto ON incident USING gist (geom);
DROP INDEX bench_gist_auto;
\echo buffering on forces the build by insertion: much slower when the default is the sorted build
CREATE INDEX bench_gist_on ON incident USING gist (geom) WITH (buffering = on);
DROP INDEX bench_gist_on;
\echo the three btrees with 2, 1 and 0 parallel workers (leader + workers on the 2 cores), then 2 and 1 again
SET max_parallel_maintenance_workers = 2;
CREATE INDEX b_on ON incident (occurred_on); DROP INDEX b_on;
CREATE INDEX b_uo ON incident (unit_id, occurred_on); DROP INDEX b_uo;
CREATE UNIQUE INDEX b_ex ON incident (external_id); DROP INDEX b_ex;
SET max_parallel_maintenance_workers = 1;
CREATE INDEX b_on ON incident (occurred_on); DROP INDEX b_on;
CREATE INDEX b_uo ON incident (unit_id, occurred_on); DROP INDEX b_uo;
CREATE UNIQUE INDEX b_ex ON incident (external_id); DROP INDEX b_ex;
SET max_parallel_maintenance_workers = 0;
CREATE INDEX b_on ON incident (occurred_on); DROP INDEX b_on;
CREATE INDEX b_uo ON incident (unit_id, occurred_on); DROP INDEX b_uo;
CREATE UNIQUE INDEX b_ex ON incident (external_id); DROP INDEX b_ex;
SET max_parallel_maintenance_workers = 2;
CREATE INDEX b_on ON incident (occurred_on); DROP INDEX b_on;
CREATE INDEX b_uo ON incident (unit_id, occurred_on); DROP INDEX b_uo;
CREATE UNIQUE INDEX b_ex ON incident (external_id); DROP INDEX b_ex;
SET max_parallel_maintenance_workers = 1;
CREATE INDEX b_on ON incident (occurred_on); DROP INDEX b_on;
CREATE INDEX b_uo ON incident (unit_id, occurred_on); DROP INDEX b_uo;
CREATE UNIQUE INDEX b_ex ON incident (external_id); DROP INDEX b_ex;
