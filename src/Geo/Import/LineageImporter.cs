using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Geo.Import;

/// <summary>
/// Imports an old→new commune crosswalk (columns old_commune_code, new_commune_code, merge_type full|partial) for a
/// boundary switch date, and computes each link's area share from the geometries in PostGIS.
/// </summary>
public sealed class LineageImporter(DiaBanDb db, Action<string>? progress = null)
{
    /// <param name="switchDate">The day the new units took over (old units end, exclusive; new units start).</param>
    /// <param name="newProvinceCode">Only rows with this new_province_code (when the file has that column).</param>
    public Task<ImportResult> ImportAsync(string path, DateOnly switchDate, string? newProvinceCode = null,
        CancellationToken ct = default) =>
        FailedImportAudit.RunAsync(db, "unit_lineage", path, () => ImportCoreAsync(path, switchDate, newProvinceCode, ct));

    private async Task<ImportResult> ImportCoreAsync(string path, DateOnly switchDate, string? newProvinceCode,
        CancellationToken ct)
    {
        var table = TableFile.Read(path);
        table.RequireColumns("old_commune_code", "new_commune_code", "merge_type");
        var errors = new ImportErrors(table.Name);
        var parse = new FieldParser(errors);
        var oldUnits = await CommunesValidOn(switchDate.AddDays(-1), ct);
        var newUnits = await CommunesValidOn(switchDate, ct);
        var links = new Dictionary<(int Old, int New), (MergeType Type, int Row)>();
        var skippedCodes = new SortedSet<string>();
        var skipped = 0;

        foreach (var r in table.Rows)
        {
            if (newProvinceCode is not null && table.Header.Contains("new_province_code", StringComparer.OrdinalIgnoreCase)
                && r.Get("new_province_code") != newProvinceCode) continue;
            var oldCode = parse.Required(r, "old_commune_code");
            var newCode = parse.Required(r, "new_commune_code");
            var type = parse.Enum<MergeType>(r, "merge_type", required: true);
            if (oldCode is null || newCode is null || type is null) continue;
            var hasOld = oldUnits.TryGetValue(oldCode, out var oldId);
            var hasNew = newUnits.TryGetValue(newCode, out var newId);
            if (!hasOld && !hasNew) { skipped++; continue; } // another province's row
            if (!hasNew)
            {
                errors.Add(r.Row, "new_commune_code", $"no commune {newCode} valid from {switchDate:yyyy-MM-dd}; import the new boundaries first");
                continue;
            }
            if (!hasOld)
            {
                // the old unit belongs to a province whose old boundaries were not imported (or has no GSO code in them)
                skipped++;
                skippedCodes.Add(oldCode);
                continue;
            }
            if (links.TryGetValue((oldId, newId), out var first))
                errors.Add(r.Row, "new_commune_code", $"{oldCode}→{newCode} repeats row {first.Row}");
            else links[(oldId, newId)] = (type.Value, r.Row);
        }
        foreach (var g in links.GroupBy(l => l.Key.Old).Where(g => g.Count() > 1 && g.Any(l => l.Value.Type == MergeType.Full)))
            errors.Add(g.First().Value.Row, "merge_type", "an old commune marked 'full' may go to one new commune only");
        errors.ThrowIfAny();

        var batch = ImportBatch.NewId("lineage");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        int inserted = 0, updated = 0;
        using (db.BulkWrite("import", "unit_lineage"))
        {
            var oldIds = links.Keys.Select(k => k.Old).Distinct().ToArray();
            var current = await db.UnitLineages.Where(l => oldIds.Contains(l.OldUnitId)).ToListAsync(ct);
            foreach (var ((oldId, newId), (type, _)) in links)
            {
                var row = current.FirstOrDefault(l => l.OldUnitId == oldId && l.NewUnitId == newId);
                if (row is null) { db.UnitLineages.Add(new UnitLineage { OldUnitId = oldId, NewUnitId = newId, MergeType = type }); inserted++; }
                else { row.MergeType = type; updated++; }
            }
            await db.SaveChangesAsync(ct);
            await ComputeSharesAsync(oldIds, ct);
            db.AuditEntries.Add(AuditRows.Import(db.Actor, "unit_lineage", new
            {
                file = table.Name, batch, switch_date = switchDate.ToString("yyyy-MM-dd"), inserted, updated, skipped,
                old_codes_not_loaded = skippedCodes.Take(100).ToArray(),
            }));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        var notes = new List<string>();
        if (skippedCodes.Count > 0)
            notes.Add($"{skippedCodes.Count} old commune codes not in the database were skipped: {string.Join(", ", skippedCodes.Take(10))}{(skippedCodes.Count > 10 ? ", …" : "")}");
        progress?.Invoke($"{table.Name}: {inserted + updated} links");
        return new ImportResult(batch, table.Name, inserted, updated, skipped, notes);
    }

    /// <summary>
    /// A whole ('full') merge keeps the old unit's entire area: share 1. A split ('partial') link's share is the part of
    /// the old unit's area lying in the new unit; where the shares of one old unit add up to more than 1 (the old and new
    /// boundaries come from different sources) they are scaled to sum to 1. Population share = area share until a
    /// better figure is known (an estimate: DOMAIN §4).
    /// </summary>
    private async Task ComputeSharesAsync(int[] oldIds, CancellationToken ct)
    {
        const string sql = """
            WITH raw AS (
                SELECT l.id, l.old_unit_id,
                       CASE WHEN l.merge_type = 'full' THEN 1.0
                            ELSE ST_Area(ST_Intersection(o.geom, n.geom)::geography) / NULLIF(ST_Area(o.geom::geography), 0)
                       END AS s
                FROM unit_lineage l
                JOIN admin_unit o ON o.id = l.old_unit_id
                JOIN admin_unit n ON n.id = l.new_unit_id
                WHERE l.old_unit_id = ANY({0})),
            tot AS (SELECT old_unit_id, sum(coalesce(s, 0)) AS total FROM raw GROUP BY old_unit_id)
            UPDATE unit_lineage l
            SET area_share = CASE WHEN t.total > 1 THEN coalesce(r.s, 0) / t.total ELSE coalesce(r.s, 0) END,
                population_share = CASE WHEN t.total > 1 THEN coalesce(r.s, 0) / t.total ELSE coalesce(r.s, 0) END
            FROM raw r JOIN tot t USING (old_unit_id)
            WHERE l.id = r.id
            """;
        await db.Database.ExecuteSqlRawAsync(sql, [oldIds], ct);
    }

    private async Task<Dictionary<string, int>> CommunesValidOn(DateOnly day, CancellationToken ct) =>
        await db.AdminUnits.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Commune && u.ValidFrom <= day && (u.ValidTo == null || day < u.ValidTo))
            .ToDictionaryAsync(u => u.Code, u => u.Id, ct);
}
