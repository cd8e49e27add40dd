using DiaBan.Analytics.Domain;
using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace DiaBan.Geo.Import;

/// <summary>
/// Imports incidents from CSV/XLSX (id, occurred_on, kind, lon,lat or x,y, persons, plants, area_m2, source) in one
/// transaction: rows stream from the file straight into a staging table (binary COPY, so a file of any size is read in
/// bounded memory), each point is assigned in SQL (ST_Covers, GIST) to the commune valid on its date, and only a file
/// without a single bad row is written. A refused file leaves an import_failed audit row.
/// </summary>
public sealed class IncidentImporter(DiaBanDb db, Action<string>? progress = null)
{
    /// <param name="epsg">CRS of the coordinate columns (default WGS 84 for lon/lat; required for x/y).</param>
    /// <param name="provinceCode">When given, a point must fall in a commune of this province (parent code).</param>
    public Task<ImportResult> ImportAsync(string path, int? epsg = null, string? provinceCode = null, CancellationToken ct = default) =>
        FailedImportAudit.RunAsync(db, "incident", path, () => ImportCoreAsync(path, epsg, provinceCode, ct));

    private async Task<ImportResult> ImportCoreAsync(string path, int? epsg, string? provinceCode, CancellationToken ct)
    {
        var table = TableFile.Read(path);
        table.RequireColumns("id", "occurred_on", "kind");
        var point = PointColumns.Detect(table, epsg);
        var errors = new ImportErrors(table.Name);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await Exec(conn, """
            CREATE TEMP TABLE incident_stage (
                line int, external_id text, occurred_on date, kind text, persons int, plants int, area_m2 float8,
                source text, lon float8, lat float8, geom geometry(Point, 4326), unit_id int) ON COMMIT DROP
            """, ct);
        var staged = await StageAsync(conn, table, point, errors, ct);
        await ReportRepeatedIdsAsync(conn, errors, ct);
        errors.ThrowIfAny();

        await Exec(conn, "UPDATE incident_stage SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326)", ct);
        progress?.Invoke($"{table.Name}: {staged:N0} rows staged (COPY); assigning communes (ST_Covers)…");
        await AssignUnitsAsync(conn, provinceCode, ct);

        await using (var dup = new NpgsqlCommand(
            "SELECT s.line, s.external_id FROM incident_stage s JOIN incident i ON i.external_id = s.external_id ORDER BY s.line", conn))
        await using (var rd = await dup.ExecuteReaderAsync(ct))
            while (await rd.ReadAsync(ct))
                errors.Add(rd.GetInt32(0), "id", $"incident {rd.GetString(1)} was already imported / sự việc đã được nhập");
        await using (var outside = new NpgsqlCommand(
            "SELECT line, lon, lat, occurred_on FROM incident_stage WHERE unit_id IS NULL ORDER BY line", conn))
        await using (var rd = await outside.ExecuteReaderAsync(ct))
            while (await rd.ReadAsync(ct))
                errors.Add(rd.GetInt32(0), point.XField,
                    $"point ({rd.GetDouble(1):0.######}, {rd.GetDouble(2):0.######}) lies outside every commune" +
                    $"{(provinceCode is null ? "" : $" of province {provinceCode}")} valid on {rd.GetFieldValue<DateOnly>(3):yyyy-MM-dd}" +
                    " / điểm nằm ngoài mọi xã");
        errors.ThrowIfAny();

        var batch = ImportBatch.NewId("incidents");
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO incident (external_id, occurred_on, kind, persons, plants, area_m2, source, geom, unit_id, import_batch)
            SELECT external_id, occurred_on, kind, persons, plants, area_m2, source, geom, unit_id, @batch FROM incident_stage
            """, conn))
        {
            insert.Parameters.AddWithValue("batch", batch);
            await insert.ExecuteNonQueryAsync(ct);
        }
        db.AuditEntries.Add(AuditRows.Import(db.Actor, "incident", new
        {
            file = table.Name, batch, inserted = staged, crs = $"EPSG:{point.Epsg}", province = provinceCode,
        }));
        using (db.BulkWrite("import", "incident"))
        {
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        progress?.Invoke($"{table.Name}: {staged:N0} incidents imported");
        return new ImportResult(batch, table.Name, staged);
    }

    /// <summary>Parses each row as it is read and COPYs the good ones; bad rows are only counted and named.</summary>
    private async Task<int> StageAsync(NpgsqlConnection conn, TableFile table, PointColumns point, ImportErrors errors, CancellationToken ct)
    {
        var parse = new FieldParser(errors);
        var tick = new ImportProgress(progress, $"{table.Name} read");
        var staged = 0;
        await using var w = await conn.BeginBinaryImportAsync(
            "COPY incident_stage (line, external_id, occurred_on, kind, persons, plants, area_m2, source, lon, lat) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var r in table.Rows)
        {
            var before = errors.Count;
            var id = parse.Required(r, "id");
            if (id is not null && id.Length > 64) errors.Add(r.Row, "id", "id longer than 64 characters");
            var on = parse.Date(r, "occurred_on", required: true);
            var kind = parse.Enum<IncidentKind>(r, "kind", required: true);
            var persons = parse.Int(r, "persons", required: false) ?? 1;
            var plants = parse.Int(r, "plants", required: false);
            var area = parse.Double(r, "area_m2", required: false, min: 0);
            var source = r.Get("source");
            if (source is { Length: > 200 }) errors.Add(r.Row, "source", "longer than 200 characters");
            var p = point.Read(r, parse, errors);
            if (errors.Count > before) continue;
            await w.StartRowAsync(ct);
            await w.WriteAsync(r.Row, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(id!, NpgsqlDbType.Text, ct);
            await w.WriteAsync(on!.Value, NpgsqlDbType.Date, ct);
            await w.WriteAsync(SnakeCase.Of(kind!.Value), NpgsqlDbType.Text, ct);
            await w.WriteAsync(persons, NpgsqlDbType.Integer, ct);
            if (plants is { } pl) await w.WriteAsync(pl, NpgsqlDbType.Integer, ct); else await w.WriteNullAsync(ct);
            if (area is { } a) await w.WriteAsync(a, NpgsqlDbType.Double, ct); else await w.WriteNullAsync(ct);
            if (source is { } s) await w.WriteAsync(s, NpgsqlDbType.Text, ct); else await w.WriteNullAsync(ct);
            await w.WriteAsync(p!.Value.Lon, NpgsqlDbType.Double, ct);
            await w.WriteAsync(p.Value.Lat, NpgsqlDbType.Double, ct);
            tick.Tick(++staged);
        }
        await w.CompleteAsync(ct);
        tick.Done(staged);
        return staged;
    }

    // an id seen on an earlier row of the file (checked in SQL: the file's ids are not held in memory)
    private static async Task ReportRepeatedIdsAsync(NpgsqlConnection conn, ImportErrors errors, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT line, external_id, first FROM (
                SELECT line, external_id, min(line) OVER (PARTITION BY external_id) AS first FROM incident_stage) d
            WHERE line > first ORDER BY line
            """, conn);
        await using var rd = await cmd.ExecuteReaderAsync(ct);
        while (await rd.ReadAsync(ct))
            errors.Add(rd.GetInt32(0), "id", $"id {rd.GetString(1)} repeats row {rd.GetInt32(2)} / mã trùng");
    }

    // the commune valid on the incident's date whose polygon covers the point (boundary points included)
    private static async Task AssignUnitsAsync(NpgsqlConnection conn, string? provinceCode, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            UPDATE incident_stage s SET unit_id = (
                SELECT u.id FROM admin_unit u
                LEFT JOIN admin_unit p ON p.id = u.parent_id
                WHERE u.level = 'commune'
                  AND u.valid_from <= s.occurred_on AND (u.valid_to IS NULL OR s.occurred_on < u.valid_to)
                  AND ST_Covers(u.geom, s.geom)
                  AND (@province::text IS NULL OR p.code = @province)
                ORDER BY u.id LIMIT 1)
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter("province", NpgsqlDbType.Text) { Value = (object?)provinceCode ?? DBNull.Value });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
