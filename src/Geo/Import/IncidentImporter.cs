using System.Diagnostics;
using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace DiaBan.Geo.Import;

/// <summary>
/// Imports incidents from CSV/XLSX (id, occurred_on, kind, lon,lat or x,y, persons, plants, area_m2, source, recorded_by,
/// occurred_at) in one
/// transaction. The file streams through <see cref="IncidentPipeline"/>: every field is checked, each point is assigned
/// in memory to the commune valid on its date that covers it (<see cref="CommuneLocator"/>, the ST_Covers rule), and the
/// good rows go by binary COPY straight into <c>incident</c>. Ids are checked by the table's unique index: when one
/// repeats (in the file or from an earlier import) the COPY is undone and the file is staged once more so every such row
/// can be named. Without a rejects file one bad row refuses the whole file and nothing is written (an import_failed
/// audit row is left); with one, the good rows are loaded and each bad row is written there with its reason. A load
/// large against the table (<see cref="IncidentIndexes.WorthRebuilding"/>, by the file's size) drops the table's
/// secondary indexes and foreign key first and rebuilds them once at the end, in the same transaction.
/// </summary>
public sealed class IncidentImporter(DiaBanDb db, Action<string>? progress = null)
{
    private const string UniqueId = "ix_incident_external_id";
    // a CSV incident row is about 60 bytes (bench/Import's file: 57 MB for 1,000,000 rows)
    private const long BytesPerRow = 60;

    /// <summary>Whether a big load drops and rebuilds the table's secondary indexes (<see cref="IncidentIndexes"/>).</summary>
    public IndexMaintenance Indexes { get; init; } = IndexMaintenance.Auto;

    /// <param name="epsg">CRS of the coordinate columns (default WGS 84 for lon/lat; required for x/y).</param>
    /// <param name="provinceCode">When given, a point must fall in a commune of this province (parent code).</param>
    /// <param name="rejectsPath">With a path, good rows are loaded and bad ones written there; without, one bad row refuses the file.</param>
    public Task<ImportResult> ImportAsync(string path, int? epsg = null, string? provinceCode = null, string? rejectsPath = null,
        CancellationToken ct = default) =>
        FailedImportAudit.RunAsync(db, "incident", path, () => ImportCoreAsync(path, epsg, provinceCode, rejectsPath, ct));

    private async Task<ImportResult> ImportCoreAsync(string path, int? epsg, string? provinceCode, string? rejectsPath, CancellationToken ct)
    {
        var table = TableFile.Read(path);
        table.RequireColumns("id", "occurred_on", "kind");
        var point = PointColumns.Detect(table, epsg);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var communes = await CommuneLocator.LoadAsync(conn, provinceCode, ct, storedGrid: true);
        progress?.Invoke($"{table.Name}: {communes.Count:N0} commune versions indexed, grid {communes.GridSource}; reading, assigning communes, COPY…");
        var batch = ImportBatch.NewId("incidents");

        var errors = NewErrors(table, rejectsPath);
        int inserted;
        await tx.CreateSavepointAsync("direct", ct);
        try
        {
            var deferred = await IncidentIndexes.DropIfWorthAsync(conn, Indexes, new FileInfo(path).Length / BytesPerRow, ct);
            await using (var copy = await IncidentCopy.IntoIncidentAsync(conn, batch, ct))
            {
                inserted = await IncidentPipeline.RunAsync(table, point, communes, errors, provinceCode, copy, Tick(table), ct);
                await copy.CompleteAsync(ct);
            }
            // also when the file is refused for bad rows: the unique index must still find repeated ids, so every bad row is named
            if (deferred is not null)
            {
                progress?.Invoke($"{table.Name}: rebuilding the incident indexes once for the whole load…");
                await deferred.RebuildAsync(conn, ct, (what, seconds) =>
                    progress?.Invoke(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{table.Name}: rebuilt {what} in {seconds:F2} s")));
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == UniqueId)
        {
            progress?.Invoke($"{table.Name}: an id repeats; staging the file to name every repeated id…");
            await tx.RollbackToSavepointAsync("direct", ct);
            errors = NewErrors(table, rejectsPath);
            inserted = await StagedAsync(conn, table, point, communes, errors, provinceCode, batch, ct);
        }
        errors.ThrowIfAny();

        var rejects = errors.Rejects;
        var finishing = Stopwatch.GetTimestamp();
        db.AuditEntries.Add(AuditRows.Import(db.Actor, "incident", new
        {
            file = table.Name, batch, inserted, crs = $"EPSG:{point.Epsg}", province = provinceCode,
            rejected = rejects?.Count, rejects_file = rejects is null ? null : Path.GetFileName(rejects.Path),
        }));
        using (db.BulkWrite("import", "incident"))
        {
            await db.SaveChangesAsync(ct);
        }
        rejects?.Write(table);
        var audited = Stopwatch.GetElapsedTime(finishing).TotalSeconds;
        await tx.CommitAsync(ct);
        // timed like the rebuild's statements (docs/performance.md): the first SaveChanges of a process is not free
        progress?.Invoke(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{table.Name}: audit row{(rejects is null ? "" : " and rejects file")} written in {audited:F2} s, committed in {Stopwatch.GetElapsedTime(finishing).TotalSeconds - audited:F2} s"));
        progress?.Invoke($"{table.Name}: {inserted:N0} incidents imported" + (rejects is null ? "" : $", {rejects.Count:N0} rejected → {rejects.Path}"));
        return new ImportResult(batch, table.Name, inserted, Rejected: rejects?.Count ?? 0);
    }

    private static ImportErrors NewErrors(TableFile table, string? rejectsPath) =>
        new(table.Name, rejectsPath is null ? null : new RejectsFile(rejectsPath));

    private ImportProgress Tick(TableFile table) => new(progress, $"{table.Name} read");

    /// <summary>The careful path: COPY into a staging table, name repeated and already imported ids, then insert the rest.</summary>
    private async Task<int> StagedAsync(NpgsqlConnection conn, TableFile table, PointColumns point, CommuneLocator communes,
        ImportErrors errors, string? provinceCode, string batch, CancellationToken ct)
    {
        await using (var copy = await IncidentCopy.IntoStageAsync(conn, ct))
        {
            await IncidentPipeline.RunAsync(table, point, communes, errors, provinceCode, copy, Tick(table), ct);
            await copy.CompleteAsync(ct);
        }
        var bad = new List<int>();
        // an id seen on an earlier row of the file (checked in SQL: the file's ids are not held in memory)
        await ReadErrorsAsync(conn, """
            SELECT line, format('id %s repeats row %s / mã trùng', external_id, first) FROM (
                SELECT line, external_id, min(line) OVER (PARTITION BY external_id) AS first FROM incident_stage) d
            WHERE line > first ORDER BY line
            """, errors, bad, ct);
        await ReadErrorsAsync(conn, """
            SELECT s.line, format('incident %s was already imported / sự việc đã được nhập', s.external_id)
            FROM incident_stage s JOIN incident i ON i.external_id = s.external_id ORDER BY s.line
            """, errors, bad, ct);
        errors.ThrowIfAny();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO incident (external_id, occurred_on, kind, persons, plants, area_m2, source, recorded_by, occurred_at, geom, unit_id, import_batch)
            SELECT external_id, occurred_on, kind, persons, plants, area_m2, source, recorded_by, occurred_at, geom, unit_id, @batch FROM incident_stage
            WHERE line <> ALL(@bad) ORDER BY line
            """, conn);
        insert.Parameters.AddWithValue("batch", batch);
        insert.Parameters.Add(new NpgsqlParameter("bad", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = bad.ToArray() });
        return await insert.ExecuteNonQueryAsync(ct);
    }

    private static async Task ReadErrorsAsync(NpgsqlConnection conn, string sql, ImportErrors errors, List<int> bad, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var rd = await cmd.ExecuteReaderAsync(ct);
        while (await rd.ReadAsync(ct))
        {
            errors.Add(rd.GetInt32(0), "id", rd.GetString(1));
            bad.Add(rd.GetInt32(0));
        }
    }
}
