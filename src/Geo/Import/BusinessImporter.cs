using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using Npgsql;

namespace DiaBan.Geo.Import;

/// <summary>
/// Imports conditional businesses (id, kind karaoke|bar|hotel|other, name, opened_on, closed_on, lon,lat or x,y) from
/// CSV/XLSX. Each is assigned to the current commune covering it (the latest one when none is current). An id already
/// present is updated (a business closes, moves, renames).
/// </summary>
public sealed class BusinessImporter(DiaBanDb db, Action<string>? progress = null)
{
    private static readonly GeometryFactory Wgs84 = new(new PrecisionModel(), 4326);

    /// <param name="rejectsPath">With a path, good rows are loaded and bad ones written there; without, one bad row refuses the file.</param>
    public Task<ImportResult> ImportAsync(string path, int? epsg = null, string? rejectsPath = null, CancellationToken ct = default) =>
        FailedImportAudit.RunAsync(db, "conditional_business", path, () => ImportCoreAsync(path, epsg, rejectsPath, ct));

    private async Task<ImportResult> ImportCoreAsync(string path, int? epsg, string? rejectsPath, CancellationToken ct)
    {
        var table = TableFile.Read(path);
        table.RequireColumns("id", "kind", "name");
        var point = PointColumns.Detect(table, epsg);
        var rejects = rejectsPath is null ? null : new RejectsFile(rejectsPath);
        var errors = new ImportErrors(table.Name, rejects);
        var parse = new FieldParser(errors);
        var rows = new List<(int Row, ConditionalBusiness B)>();
        var seen = new Dictionary<string, int>();
        foreach (var r in table.Rows)
        {
            var before = errors.Count;
            var id = parse.Required(r, "id");
            if (id is not null && !seen.TryAdd(id, r.Row)) errors.Add(r.Row, "id", $"id {id} repeats row {seen[id]}");
            var kind = parse.Enum<BusinessKind>(r, "kind", required: true);
            var name = parse.Required(r, "name");
            var opened = parse.Date(r, "opened_on", required: false);
            var closed = parse.Date(r, "closed_on", required: false);
            if (opened is not null && closed is not null && closed <= opened)
                errors.Add(r.Row, "closed_on", "closed_on must be after opened_on");
            var p = point.Read(r, parse, errors);
            if (errors.Count > before) continue;
            rows.Add((r.Row, new ConditionalBusiness
            {
                ExternalId = id!, Kind = kind!.Value, Name = name!, OpenedOn = opened, ClosedOn = closed,
                Geom = Wgs84.CreatePoint(new Coordinate(p!.Value.Lon, p.Value.Lat)),
            }));
        }
        errors.ThrowIfAny();

        var batch = ImportBatch.NewId("businesses");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        foreach (var (row, b) in rows)
        {
            b.UnitId = await CommuneAtAsync(conn, b.Geom, ct);
            if (b.UnitId is null)
                errors.Add(row, point.XField, $"point ({b.Geom.X:0.######}, {b.Geom.Y:0.######}) lies outside every commune / điểm nằm ngoài mọi xã");
        }
        errors.ThrowIfAny();
        rows.RemoveAll(r => errors.IsRejected(r.Row));

        int inserted = 0, updated = 0;
        using (db.BulkWrite("import", "conditional_business"))
        {
            var ids = rows.Select(r => r.B.ExternalId).ToList();
            var existing = await db.ConditionalBusinesses.Where(b => ids.Contains(b.ExternalId)).ToDictionaryAsync(b => b.ExternalId, ct);
            foreach (var (_, b) in rows)
            {
                b.ImportBatch = batch;
                if (existing.TryGetValue(b.ExternalId, out var old))
                {
                    (old.Kind, old.Name, old.OpenedOn, old.ClosedOn, old.Geom, old.UnitId, old.ImportBatch) =
                        (b.Kind, b.Name, b.OpenedOn, b.ClosedOn, b.Geom, b.UnitId, batch);
                    updated++;
                }
                else
                {
                    db.ConditionalBusinesses.Add(b);
                    inserted++;
                }
            }
            await db.SaveChangesAsync(ct);
            db.AuditEntries.Add(AuditRows.Import(db.Actor, "conditional_business", new
            {
                file = table.Name, batch, inserted, updated, crs = $"EPSG:{point.Epsg}",
                rejected = rejects?.Count, rejects_file = rejects is null ? null : Path.GetFileName(rejects.Path),
            }));
            await db.SaveChangesAsync(ct);
            rejects?.Write(table);
            await tx.CommitAsync(ct);
        }
        progress?.Invoke($"{table.Name}: {inserted} inserted, {updated} updated" + (rejects is null ? "" : $", {rejects.Count} rejected → {rejects.Path}"));
        return new ImportResult(batch, table.Name, inserted, updated, Rejected: rejects?.Count ?? 0);
    }

    private static async Task<int?> CommuneAtAsync(NpgsqlConnection conn, Point p, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT id FROM admin_unit
            WHERE level = 'commune' AND ST_Covers(geom, ST_SetSRID(ST_MakePoint(@x, @y), 4326))
            ORDER BY (valid_to IS NULL) DESC, valid_from DESC LIMIT 1
            """, conn);
        cmd.Parameters.AddWithValue("x", p.X);
        cmd.Parameters.AddWithValue("y", p.Y);
        return await cmd.ExecuteScalarAsync(ct) as int?;
    }
}
