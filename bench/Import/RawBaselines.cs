using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace DiaBan.Bench.Import;

/// <summary>The least work an incident import could do, each step measured on its own beside the importer.</summary>
internal static class RawBaselines
{
    private const string Columns = "external_id text, occurred_on date, kind text, lon float8, lat float8, persons int, source text";

    /// <summary>The physical limit: the file's bytes handed to PostgreSQL's own CSV COPY into an unindexed table — a
    /// temporary one (no WAL: the strictest limit, and the published ratios' denominator), or with <paramref name="logged"/>
    /// an ordinary table that writes WAL as every durable table must (dropped afterwards).</summary>
    public static async Task BareCopyAsync(string connectionString, string csv, bool logged = false)
    {
        await using var conn = await OpenAsync(connectionString);
        await using (var tx = await conn.BeginTransactionAsync())
        {
            // created before the transaction that fills it would let wal_level=minimal skip the WAL; it is replica here
            await Exec(conn, logged ? $"CREATE TABLE bare_incident ({Columns})" : $"CREATE TEMP TABLE bare_incident ({Columns}) ON COMMIT DROP");
            await using (var copy = await conn.BeginTextImportAsync("COPY bare_incident FROM STDIN (FORMAT csv, HEADER)"))
            {
                using var file = new StreamReader(csv);
                var buffer = new char[1 << 16];
                int n;
                while ((n = await file.ReadAsync(buffer)) > 0) await copy.WriteAsync(buffer, 0, n);
            }
            await tx.CommitAsync();
        }
        if (logged) await Exec(conn, "DROP TABLE bare_incident");
    }

    /// <summary>
    /// Parse the CSV and binary-COPY its rows with point geometries, either into an unindexed table or into a copy of
    /// <c>incident</c> with all its indexes and its foreign key to admin_unit (what storing the rows costs PostgreSQL,
    /// whoever prepares them).
    /// </summary>
    public static async Task ParseAndCopyAsync(string connectionString, string csv, bool indexedLikeIncident)
    {
        await using var conn = await OpenAsync(connectionString);
        await using var tx = await conn.BeginTransactionAsync();
        await Exec(conn, indexedLikeIncident
            ? """
              CREATE TABLE raw_incident (LIKE incident INCLUDING ALL);
              ALTER TABLE raw_incident ADD FOREIGN KEY (unit_id) REFERENCES admin_unit (id);
              """
            : "CREATE TEMP TABLE raw_incident (external_id text, occurred_on date, kind text, persons int, source text, geom geometry(Point, 4326), unit_id int) ON COMMIT DROP");
        // any commune will do for the foreign key's check: what is measured is the check, not the assignment
        int? unit = null;
        if (indexedLikeIncident)
            await using (var first = new NpgsqlCommand("SELECT min(id) FROM admin_unit WHERE level = 'commune'", conn))
                unit = (int)(await first.ExecuteScalarAsync())!;
        await using (var copy = await conn.BeginBinaryImportAsync("COPY raw_incident (external_id, occurred_on, kind, persons, source, geom, unit_id) FROM STDIN (FORMAT BINARY)"))
        {
            using var reader = new StreamReader(csv);
            await reader.ReadLineAsync();
            while (await reader.ReadLineAsync() is { } line)
            {
                var f = line.Split(',');
                await copy.StartRowAsync();
                await copy.WriteAsync(f[0], NpgsqlDbType.Text);
                await copy.WriteAsync(DateOnly.ParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date);
                await copy.WriteAsync(f[2], NpgsqlDbType.Text);
                await copy.WriteAsync(int.Parse(f[5], CultureInfo.InvariantCulture), NpgsqlDbType.Integer);
                await copy.WriteAsync(f[6], NpgsqlDbType.Text);
                await copy.WriteAsync(new NetTopologySuite.Geometries.Point(double.Parse(f[3], CultureInfo.InvariantCulture),
                    double.Parse(f[4], CultureInfo.InvariantCulture)) { SRID = 4326 });
                if (unit is { } u) await copy.WriteAsync(u, NpgsqlDbType.Integer); else await copy.WriteNullAsync();
            }
            await copy.CompleteAsync();
        }
        // a temporary table cannot hold the foreign key: the indexed copy is a real table, rolled back
        if (indexedLikeIncident) await tx.RollbackAsync(); else await tx.CommitAsync();
    }

    /// <summary>
    /// The floor of a load that defers index maintenance: parse and binary-COPY into a copy of <c>incident</c> without
    /// its secondary indexes and foreign key, then build them once (what the importer does for a big load): the same
    /// index set as the product's <c>incident</c> (read from the catalog, so it follows the migrations).
    /// </summary>
    public static async Task CopyThenIndexAsync(string connectionString, string csv)
    {
        await using var conn = await OpenAsync(connectionString);
        await using var tx = await conn.BeginTransactionAsync();
        await Exec(conn, "CREATE TABLE raw_incident (LIKE incident INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING CONSTRAINTS); ALTER TABLE raw_incident ADD PRIMARY KEY (id)");
        int unit;
        await using (var first = new NpgsqlCommand("SELECT min(id) FROM admin_unit WHERE level = 'commune'", conn))
            unit = (int)(await first.ExecuteScalarAsync())!;
        await using (var copy = await conn.BeginBinaryImportAsync("COPY raw_incident (external_id, occurred_on, kind, persons, source, geom, unit_id) FROM STDIN (FORMAT BINARY)"))
        {
            using var reader = new StreamReader(csv);
            await reader.ReadLineAsync();
            while (await reader.ReadLineAsync() is { } line)
            {
                var f = line.Split(',');
                copy.StartRow();
                copy.Write(f[0], NpgsqlDbType.Text);
                copy.Write(DateOnly.ParseExact(f[1], "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date);
                copy.Write(f[2], NpgsqlDbType.Text);
                copy.Write(int.Parse(f[5], CultureInfo.InvariantCulture), NpgsqlDbType.Integer);
                copy.Write(f[6], NpgsqlDbType.Text);
                copy.Write(DiaBan.Geo.Import.PointEwkb.Of(double.Parse(f[3], CultureInfo.InvariantCulture),
                    double.Parse(f[4], CultureInfo.InvariantCulture)), NpgsqlDbType.Bytea);
                copy.Write(unit, NpgsqlDbType.Integer);
            }
            await copy.CompleteAsync();
        }
        // the product's own secondary indexes (read from incident, as IncidentIndexes rebuilds them), unique first
        var indexes = new List<string>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT pg_get_indexdef(i.indexrelid), i.indexrelid::regclass::text FROM pg_index i
            WHERE i.indrelid = 'incident'::regclass AND NOT i.indisprimary ORDER BY NOT i.indisunique, 2
            """, conn))
        await using (var rd = await cmd.ExecuteReaderAsync())
            while (await rd.ReadAsync())
                indexes.Add(rd.GetString(0).Replace(" ON public.incident ", " ON raw_incident ", StringComparison.Ordinal)
                    .Replace($"INDEX {rd.GetString(1)} ", $"INDEX raw_{rd.GetString(1)} ", StringComparison.Ordinal) + ";");
        await Exec(conn, $"""
            {DiaBan.Geo.Import.IncidentIndexes.BuildSettings};
            {string.Join("\n", indexes)}
            ALTER TABLE raw_incident ADD FOREIGN KEY (unit_id) REFERENCES admin_unit (id);
            ANALYZE raw_incident;
            """);
        await tx.RollbackAsync();
    }

    /// <summary>
    /// The set-based alternative to the importer's in-memory assignment: the file COPYed as above, then joined to the
    /// communes cut by ST_Subdivide into small pieces under a GIST index (the versioned ST_Covers rule, lowest id wins).
    /// </summary>
    public static async Task SubdividedJoinAsync(string connectionString, string csv)
    {
        await using var conn = await OpenAsync(connectionString);
        await using var tx = await conn.BeginTransactionAsync();
        await Exec(conn, $"CREATE TEMP TABLE join_incident ({Columns}, unit_id int) ON COMMIT DROP");
        await using (var copy = await conn.BeginTextImportAsync(
            "COPY join_incident (external_id, occurred_on, kind, lon, lat, persons, source) FROM STDIN (FORMAT csv, HEADER)"))
        {
            using var file = new StreamReader(csv);
            var buffer = new char[1 << 16];
            int n;
            while ((n = await file.ReadAsync(buffer)) > 0) await copy.WriteAsync(buffer, 0, n);
        }
        await Exec(conn, """
            CREATE TEMP TABLE part ON COMMIT DROP AS
                SELECT id, valid_from, valid_to, ST_Subdivide(geom, 64) AS geom FROM admin_unit WHERE level = 'commune';
            CREATE INDEX ON part USING gist (geom);
            ANALYZE part;
            UPDATE join_incident r SET unit_id = (
                SELECT min(p.id) FROM part p
                WHERE ST_Covers(p.geom, ST_SetSRID(ST_MakePoint(r.lon, r.lat), 4326))
                  AND p.valid_from <= r.occurred_on AND (p.valid_to IS NULL OR r.occurred_on < p.valid_to));
            """);
        await tx.CommitAsync();
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var source = new NpgsqlDataSourceBuilder(connectionString).UseNetTopologySuite().Build();
        return await source.OpenConnectionAsync();
    }

    private static async Task Exec(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync();
    }
}
