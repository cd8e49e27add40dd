using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Geo.Import;

/// <summary>
/// Imports the DOMAIN §1.8 figures per commune and year from CSV/XLSX: commune_code, year and any of FigureColumns
/// (the names IndicatorFieldInfo.ColumnName gives them; on_key_route is none|intra|inter). A (commune, year) already present is replaced: a corrected report overrides the earlier one.
/// </summary>
public sealed class IndicatorImporter(DiaBanDb db, Action<string>? progress = null)
{
    public static readonly string[] FigureColumns =
    [
        "population_resident", "users_addicts_managed", "harbouring_places_active_at_end",
        "harbouring_places_detected_in_period", "offenders_arrested", "plants_destroyed_count", "plants_destroyed_m2",
        "on_key_route", "hotspots",
    ];

    /// <param name="rejectsPath">With a path, good rows are loaded and bad ones written there; without, one bad row refuses the file.</param>
    public Task<ImportResult> ImportAsync(string path, string? rejectsPath = null, CancellationToken ct = default) =>
        FailedImportAudit.RunAsync(db, "unit_indicator", path, () => ImportCoreAsync(path, rejectsPath, ct));

    private async Task<ImportResult> ImportCoreAsync(string path, string? rejectsPath, CancellationToken ct)
    {
        var table = TableFile.Read(path);
        table.RequireColumns("commune_code", "year");
        var unknown = table.Header.Where(h => h.Length > 0 && h is not ("commune_code" or "year" or "name" or "commune_name")
            && !FigureColumns.Contains(h, StringComparer.OrdinalIgnoreCase)).ToList();
        // a misspelt figure column would otherwise be silently read as "not reported"
        if (unknown.Count > 0)
            throw new ImportException(unknown.Select(h => new ImportError(table.Name, 1, h,
                $"unknown column '{h}'; expected {string.Join(", ", FigureColumns)}")).ToList());
        var rejects = rejectsPath is null ? null : new RejectsFile(rejectsPath);
        var errors = new ImportErrors(table.Name, rejects);
        var parse = new FieldParser(errors);
        var parsed = new List<(int Row, string Code, int Year, UnitIndicator Figures)>();
        var seen = new Dictionary<(string, int), int>();
        foreach (var r in table.Rows)
        {
            var before = errors.Count;
            var code = parse.Required(r, "commune_code");
            var year = parse.Int(r, "year", required: true, min: 1990);
            if (year > 2100) errors.Add(r.Row, "year", $"{year} is not a plausible year");
            var f = new UnitIndicator
            {
                PopulationResident = parse.Int(r, "population_resident", required: false),
                UsersAddictsManaged = parse.Int(r, "users_addicts_managed", required: false),
                HarbouringPlacesActiveAtEnd = parse.Int(r, "harbouring_places_active_at_end", required: false),
                HarbouringPlacesDetectedInPeriod = parse.Int(r, "harbouring_places_detected_in_period", required: false),
                OffendersArrested = parse.Int(r, "offenders_arrested", required: false),
                PlantsDestroyedCount = parse.Int(r, "plants_destroyed_count", required: false),
                PlantsDestroyedM2 = parse.Double(r, "plants_destroyed_m2", required: false, min: 0),
                OnKeyRoute = parse.Enum<KeyRouteMembership>(r, "on_key_route", required: false),
                Hotspots = parse.Int(r, "hotspots", required: false),
            };
            if (code is not null && year is not null && !seen.TryAdd((code, year.Value), r.Row))
                errors.Add(r.Row, "commune_code", $"{code} {year} repeats row {seen[(code, year.Value)]}");
            if (errors.Count == before) parsed.Add((r.Row, code!, year!.Value, f));
        }
        errors.ThrowIfAny();

        var units = await UnitsByCodeAndYearAsync(parsed.Select(p => p.Year).Distinct().ToList(), ct);
        foreach (var p in parsed.Where(p => !units.ContainsKey((p.Code, p.Year))))
            errors.Add(p.Row, "commune_code", $"no commune {p.Code} valid during {p.Year} / không có xã mã {p.Code} trong năm {p.Year}");
        errors.ThrowIfAny();
        parsed.RemoveAll(p => errors.IsRejected(p.Row));

        var batch = ImportBatch.NewId("indicators");
        // the import is when the province received the figures: what data completeness judges against the deadline
        var receivedAt = DateTimeOffset.UtcNow;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        int inserted = 0, updated = 0;
        using (db.BulkWrite("import", "unit_indicator"))
        {
            var unitIds = units.Values.Distinct().ToList();
            var existing = await db.UnitIndicators.Where(i => unitIds.Contains(i.UnitId)).ToListAsync(ct);
            var byKey = existing.ToDictionary(i => (i.UnitId, i.Year));
            foreach (var p in parsed)
            {
                var unitId = units[(p.Code, p.Year)];
                if (!byKey.TryGetValue((unitId, p.Year), out var row))
                {
                    row = new UnitIndicator { UnitId = unitId, Year = p.Year };
                    db.UnitIndicators.Add(row);
                    inserted++;
                }
                else updated++;
                Copy(p.Figures, row);
                row.DerivedFields = [];
                row.ImportBatch = batch;
                row.ReceivedAt = receivedAt;
            }
            await db.SaveChangesAsync(ct);
            db.AuditEntries.Add(AuditRows.Import(db.Actor, "unit_indicator", new
            {
                file = table.Name, batch, inserted, updated,
                rejected = rejects?.Count, rejects_file = rejects is null ? null : Path.GetFileName(rejects.Path),
            }));
            await db.SaveChangesAsync(ct);
            rejects?.Write(table);
            await tx.CommitAsync(ct);
        }
        progress?.Invoke($"{table.Name}: {inserted} inserted, {updated} replaced" + (rejects is null ? "" : $", {rejects.Count} rejected → {rejects.Path}"));
        return new ImportResult(batch, table.Name, inserted, updated, Rejected: rejects?.Count ?? 0);
    }

    private static void Copy(UnitIndicator from, UnitIndicator to)
    {
        to.PopulationResident = from.PopulationResident;
        to.UsersAddictsManaged = from.UsersAddictsManaged;
        to.HarbouringPlacesActiveAtEnd = from.HarbouringPlacesActiveAtEnd;
        to.HarbouringPlacesDetectedInPeriod = from.HarbouringPlacesDetectedInPeriod;
        to.Hotspots = from.Hotspots;
        to.OffendersArrested = from.OffendersArrested;
        to.PlantsDestroyedCount = from.PlantsDestroyedCount;
        to.PlantsDestroyedM2 = from.PlantsDestroyedM2;
        to.OnKeyRoute = from.OnKeyRoute;
    }

    // a code valid at some time in the year; where two units carried it that year, the one valid at year end
    private async Task<Dictionary<(string Code, int Year), int>> UnitsByCodeAndYearAsync(List<int> years, CancellationToken ct)
    {
        var map = new Dictionary<(string, int), int>();
        foreach (var year in years)
        {
            var start = new DateOnly(year, 1, 1);
            var end = new DateOnly(year, 12, 31);
            var units = await db.AdminUnits.AsNoTracking()
                .Where(u => u.Level == UnitLevel.Commune && u.ValidFrom <= end && (u.ValidTo == null || u.ValidTo > start))
                .OrderBy(u => u.ValidFrom)
                .Select(u => new { u.Code, u.Id })
                .ToListAsync(ct);
            foreach (var u in units) map[(u.Code, year)] = u.Id;
        }
        return map;
    }
}
