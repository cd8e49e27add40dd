using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Geo.Import;

/// <summary>
/// Imports provinces, districts (before 2025-07-01 only) or communes valid during [ValidFrom, ValidTo) from a GeoJSON or Shapefile, in one transaction.
/// New units that overlap units of the level valid over the same period are refused (BoundaryOverlap), or with
/// Supersede the overlapped units are closed at ValidFrom. Communes are linked to their district by
/// <see cref="BoundaryImportOptions.DistrictCodeField"/>, or by point (<see cref="DistrictLinks"/>); districts link
/// the communes already stored that they cover.
/// </summary>
public sealed class BoundaryImporter(DiaBanDb db, Action<string>? progress = null)
{
    public Task<ImportResult> ImportAsync(string path, BoundaryImportOptions o, CancellationToken ct = default) =>
        FailedImportAudit.RunAsync(db, "admin_unit", path, () => ImportCoreAsync(path, o, ct));

    private async Task<ImportResult> ImportCoreAsync(string path, BoundaryImportOptions o, CancellationToken ct)
    {
        var file = FeatureFileReader.Read(path);
        var errors = new ImportErrors(file.Name);
        if (o.ValidTo is { } to && to <= o.ValidFrom)
            throw new ImportException(file.Name, 0, "valid_to", $"--valid-to {to:yyyy-MM-dd} must be after --valid-from {o.ValidFrom:yyyy-MM-dd}");
        var epsg = o.Epsg ?? file.Epsg
            ?? throw new ImportException(file.Name, 0, "crs", file.CrsNote ?? "unknown CRS; pass --crs EPSG:xxxx");
        if (o.Level == UnitLevel.District && (o.ValidTo is not { } end || end > UnitLevels.DistrictsAbolishedOn))
            throw new ImportException(file.Name, 0, "valid_to",
                $"districts were abolished on {UnitLevels.DistrictsAbolishedOn:yyyy-MM-dd}: pass --valid-to {UnitLevels.DistrictsAbolishedOn:yyyy-MM-dd} or earlier / cấp huyện không còn từ 01/7/2025");
        if (o.DistrictCodeField is not null && o.Level != UnitLevel.Commune)
            throw new ImportException(file.Name, 0, o.DistrictCodeField, "--district-code-field is for communes only / chỉ dùng khi nhập cấp xã");
        if (o.DistrictCodeField is not null && !UnitLevels.HasDistricts(o.ValidFrom))
            throw new ImportException(file.Name, 0, o.DistrictCodeField,
                $"no districts exist from {UnitLevels.DistrictsAbolishedOn:yyyy-MM-dd}; communes valid from {o.ValidFrom:yyyy-MM-dd} have none / từ 01/7/2025 không còn cấp huyện");
        progress?.Invoke($"{file.Name}: {file.Features.Count} features, EPSG:{epsg}");

        var parents = o.ParentCodeField is null ? new Dictionary<string, int>() : await UnitsValidOn(UnitLevel.Province, o.ValidFrom, ct);
        var districts = o.DistrictCodeField is null ? new Dictionary<string, int>() : await UnitsValidOn(UnitLevel.District, o.ValidFrom, ct);
        var existing = await db.AdminUnits.AsNoTracking()
            .Where(u => u.Level == o.Level && u.ValidFrom < (o.ValidTo ?? DateOnly.MaxValue) && (u.ValidTo == null || u.ValidTo > o.ValidFrom))
            .Select(u => new { u.Code, u.Id, u.ValidFrom }).ToListAsync(ct);
        // with --supersede a code reused from a unit that started earlier is fine once that unit is closed (checked after closing)
        var taken = existing.Where(u => !(o.Supersede && u.ValidFrom < o.ValidFrom)).Select(u => u.Code).ToHashSet();
        var reused = o.Supersede ? existing.Where(u => u.ValidFrom < o.ValidFrom).ToDictionary(u => u.Code, u => u.Id) : [];
        var seen = new Dictionary<string, int>();
        var skipped = 0;
        var units = new List<AdminUnit>();
        var repaired = 0;
        var tick = new ImportProgress(progress, file.Name);

        foreach (var f in file.Features)
        {
            if (o.WhereField is not null && f.GetString(o.WhereField) != o.WhereValue)
            {
                skipped++;
                continue;
            }
            var code = f.GetString(o.CodeField);
            var codeField = o.CodeField;
            if (code is null && o.CodeFallbackField is not null)
            {
                code = f.GetString(o.CodeFallbackField);
                codeField = o.CodeFallbackField;
            }
            var name = f.GetString(o.NameField);
            if (code is null)
                errors.Add(f.Row, o.CodeField, $"empty code{(name is null ? "" : $" for '{name}'")}" +
                    (o.CodeFallbackField is null ? "; fix the file or pass --code-fallback-field" : $" and empty {o.CodeFallbackField}") +
                    " / thiếu mã đơn vị");
            else if (seen.TryGetValue(code, out var firstRow))
                errors.Add(f.Row, codeField, $"code {code} repeats row {firstRow} / mã bị trùng");
            else if (taken.Contains(code))
                errors.Add(f.Row, codeField, $"a {SnakeCase.Of(o.Level)} with code {code} already exists for an overlapping period / đã có đơn vị cùng mã");
            if (code is not null) seen.TryAdd(code, f.Row);
            if (name is null) errors.Add(f.Row, o.NameField, "empty name / thiếu tên");

            int? parentId = null;
            if (o.ParentCodeField is not null)
            {
                var parentCode = f.GetString(o.ParentCodeField);
                if (parentCode is null) errors.Add(f.Row, o.ParentCodeField, "empty parent code");
                else if (!parents.TryGetValue(parentCode, out var pid))
                    errors.Add(f.Row, o.ParentCodeField, $"no province with code {parentCode} valid on {o.ValidFrom:yyyy-MM-dd}; import provinces first");
                else parentId = pid;
            }

            int? districtId = null;
            if (o.DistrictCodeField is not null)
            {
                var districtCode = f.GetString(o.DistrictCodeField);
                if (districtCode is null) errors.Add(f.Row, o.DistrictCodeField, "empty district code / thiếu mã huyện");
                else if (!districts.TryGetValue(districtCode, out var did))
                    errors.Add(f.Row, o.DistrictCodeField, $"no district with code {districtCode} valid on {o.ValidFrom:yyyy-MM-dd}; import districts first / không có huyện mã {districtCode}");
                else districtId = did;
            }

            int? population = null;
            if (o.PopulationField is not null && f.Attributes.ContainsKey(o.PopulationField) && f.Attributes[o.PopulationField] is not null)
            {
                var p = f.GetDouble(o.PopulationField);
                if (p is null || p < 0 || p > int.MaxValue) errors.Add(f.Row, o.PopulationField, $"'{f.GetString(o.PopulationField)}' is not a population");
                else population = (int)Math.Round(p.Value);
            }

            var kind = o.KindField is null ? null : UnitKinds.Parse(f.GetString(o.KindField));
            if (o.KindField is not null && kind is null)
                errors.Add(f.Row, o.KindField, $"'{f.GetString(o.KindField)}' is not xa|phuong|thi_tran|dac_khu|tinh|thanh_pho");

            var geometry = BoundaryGeometry.Prepare(f.Geometry, epsg);
            if (geometry.Error is not null) errors.Add(f.Row, "geometry", geometry.Error);
            if (geometry.Repaired && geometry.Geometry is not null) repaired++;

            if (code is null || name is null || geometry.Geometry is null) continue;
            units.Add(new AdminUnit
            {
                Code = code,
                Name = name,
                Level = o.Level,
                Kind = kind ?? UnitKinds.FromName(o.Level, name),
                ParentId = parentId,
                DistrictId = districtId,
                ValidFrom = o.ValidFrom,
                ValidTo = o.ValidTo,
                Population = population,
                Geom = geometry.Geometry,
            });
            tick.Tick(units.Count);
        }
        if (file.Features.Count == 0) errors.Add(1, "features", "the file has no features / tệp không có đối tượng");
        else if (skipped == file.Features.Count)
            errors.Add(1, o.WhereField!, $"no feature has {o.WhereField} = {o.WhereValue} / không có đối tượng nào thỏa điều kiện");
        errors.ThrowIfAny();

        var batch = ImportBatch.NewId("boundaries");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        HashSet<int> closed;
        int linked;
        using (db.BulkWrite("import", "admin_unit"))
        {
            db.AdminUnits.AddRange(units);
            await db.SaveChangesAsync(ct);
            var ids = units.Select(u => u.Id).ToArray();
            // PostGIS (GEOS) is the judge of validity in the database; repair anything it still rejects
            var fixedInDb = await db.Database.ExecuteSqlRawAsync(
                "UPDATE admin_unit SET geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)) WHERE id = ANY({0}) AND NOT ST_IsValid(geom)",
                [ids], ct);
            // area on the WGS 84 spheroid; the files' own area fields are unreliable (data README)
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE admin_unit SET area_km2 = ST_Area(geom::geography) / 1e6 WHERE id = ANY({0})", [ids], ct);
            closed = await SupersedeOrRefuseAsync(file.Name, o, ids, seen, ct);
            // districts take the stored communes they cover; communes without a district code take the district covering them
            linked = o.Level == UnitLevel.District ? await DistrictLinks.LinkByPointAsync(db, [], ids, ct)
                : o.Level == UnitLevel.Commune && o.DistrictCodeField is null ? await DistrictLinks.LinkByPointAsync(db, ids, [], ct)
                : units.Count(u => u.DistrictId is not null);
            var stillReused = closed.Count == 0 ? reused.Keys.Where(seen.ContainsKey).ToList()
                : reused.Where(r => seen.ContainsKey(r.Key) && !closed.Contains(r.Value)).Select(r => r.Key).ToList();
            if (stillReused.Count > 0)
                throw new ImportException(stillReused.Select(c => new ImportError(file.Name, seen[c], o.CodeField,
                    $"a {SnakeCase.Of(o.Level)} with code {c} already exists for an overlapping period and does not overlap the new one, so --supersede does not close it / đã có đơn vị cùng mã")).ToList());
            db.AuditEntries.Add(AuditRows.Import(db.Actor, "admin_unit", new
            {
                file = file.Name,
                batch,
                level = SnakeCase.Of(o.Level),
                valid_from = o.ValidFrom.ToString("yyyy-MM-dd"),
                valid_to = o.ValidTo?.ToString("yyyy-MM-dd"),
                crs = $"EPSG:{epsg}",
                inserted = units.Count,
                repaired = repaired + fixedInDb,
                skipped,
                where = o.WhereField is null ? null : $"{o.WhereField}={o.WhereValue}",
                superseded = closed.Count,
                district_links = linked,
                superseded_ids = closed.Order().ToArray(),
            }));
            await db.SaveChangesAsync(ct);
            // fresh planner statistics with the units: autovacuum analyses at a moment of its own, and the tile and
            // statistics queries of the first users after an import planned on stale counts (bench/Tiles saw 11× slower)
            await db.Database.ExecuteSqlRawAsync("ANALYZE admin_unit", ct);
            // the commune grid of the new boundaries, stored for the next incident import (CommuneLocator)
            if (o.Level == UnitLevel.Commune)
                await CommuneLocator.StoreGridAsync((NpgsqlConnection)db.Database.GetDbConnection(), ct);
            await tx.CommitAsync(ct);
        }
        tick.Done(units.Count);
        var notes = new List<string>();
        if (repaired > 0) notes.Add($"{repaired} invalid geometries repaired (hình học không hợp lệ đã được sửa)");
        if (o.Level == UnitLevel.District || linked > 0)
            notes.Add($"{linked} commune(s) linked to their district (xã gắn với huyện)");
        if (closed.Count > 0)
            notes.Add($"{closed.Count} overlapped {SnakeCase.Of(o.Level)} unit(s) closed at {o.ValidFrom:yyyy-MM-dd} (--supersede; đã kết thúc hiệu lực)");
        return new ImportResult(batch, file.Name, units.Count, Updated: closed.Count, Skipped: skipped, Notes: notes);
    }

    // refuses the import when the new units overlap units valid over the same period; with --supersede closes those
    // units at --valid-from instead and returns their ids (the deferred trigger re-checks everything at commit)
    private async Task<HashSet<int>> SupersedeOrRefuseAsync(string file, BoundaryImportOptions o, int[] ids,
        IReadOnlyDictionary<string, int> rowOfCode, CancellationToken ct)
    {
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var pairs = await BoundaryOverlap.FindAsync(conn, ids, ct);
        if (pairs.Count == 0) return [];
        var notClosable = pairs.Where(p => p.OtherIsNew || p.OtherFrom >= o.ValidFrom).ToList();
        if (!o.Supersede || notClosable.Count > 0)
            throw BoundaryOverlap.Refusal(file, o.Level, pairs, rowOfCode, o.ValidFrom, o.Supersede, notClosable);
        var toClose = pairs.Select(p => p.OtherId).Distinct().ToArray();
        var closed = await BoundaryOverlap.CloseAsync(conn, toClose, o.ValidFrom, ct);
        progress?.Invoke($"{file}: {closed} overlapped unit(s) closed at {o.ValidFrom:yyyy-MM-dd}");
        return [.. toClose];
    }

    private async Task<Dictionary<string, int>> UnitsValidOn(UnitLevel level, DateOnly day, CancellationToken ct) =>
        await db.AdminUnits.AsNoTracking()
            .Where(u => u.Level == level && u.ValidFrom <= day && (u.ValidTo == null || day < u.ValidTo))
            .ToDictionaryAsync(u => u.Code, u => u.Id, ct);
}
