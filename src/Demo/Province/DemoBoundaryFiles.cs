using DiaBan.Geo.Crs;
using DiaBan.Geo.Import;
using NetTopologySuite.Geometries;

namespace DiaBan.Demo.Province;

/// <summary>Which attributes of the real boundary files hold what (defaults: the Cà Mau files in shared/data/vn).</summary>
public sealed record DemoBoundaryFields
{
    public string PreCodeField { get; init; } = "gso_code_2025_03";
    public string PreNameField { get; init; } = "commune_vn";
    public string PrePopulationField { get; init; } = "population";
    public string PostCodeField { get; init; } = "code";
    public string PostNameField { get; init; } = "fullName";
}

/// <summary>Reads real pre-/post-2025 boundary files and a crosswalk CSV into the generator's <see cref="DemoBoundaryInput"/>.</summary>
public static class DemoBoundaryFiles
{
    /// <summary>
    /// Old units without a code get synthetic codes 99001, 99002, … in file order (they then have no crosswalk row
    /// and the generator derives their lineage from geometry). Crosswalk rows are kept when their new code is in the
    /// post-2025 file; the province is named after the crosswalk's new_province_name/new_province_code columns.
    /// </summary>
    public static DemoBoundaryInput Read(string pre2025, string post2025, string crosswalk, DemoBoundaryFields? fields = null)
    {
        fields ??= new DemoBoundaryFields();
        var pre = FeatureFileReader.Read(pre2025);
        var post = FeatureFileReader.Read(post2025);
        var errors = new ImportErrors(pre.Name);
        var synthetic = 0;
        var preUnits = new List<DemoInputPreMergerUnit>();
        foreach (var f in pre.Features)
        {
            var name = f.GetString(fields.PreNameField);
            if (name is null) { errors.Add(f.Row, fields.PreNameField, "empty name"); continue; }
            var code = f.GetString(fields.PreCodeField) ?? $"99{++synthetic:000}";
            var population = f.GetDouble(fields.PrePopulationField);
            if (population is null or < 0) { errors.Add(f.Row, fields.PrePopulationField, "missing population"); continue; }
            preUnits.Add(new DemoInputPreMergerUnit(code, name, (int)Math.Round(population.Value), Wgs84(pre, f, errors)));
        }
        errors.ThrowIfAny();
        var postErrors = new ImportErrors(post.Name);
        var postUnits = post.Features.Select(f => new DemoInputPostMergerUnit(
            f.GetString(fields.PostCodeField) ?? "", f.GetString(fields.PostNameField) ?? "", Wgs84(post, f, postErrors))).ToList();
        foreach (var (u, f) in postUnits.Zip(post.Features).Where(x => x.First.Code == "" || x.First.Name == ""))
            postErrors.Add(f.Row, u.Code == "" ? fields.PostCodeField : fields.PostNameField, "empty value");
        postErrors.ThrowIfAny();

        var table = TableFile.Read(crosswalk);
        table.RequireColumns("old_commune_code", "new_commune_code", "merge_type");
        var newCodes = postUnits.Select(u => u.Code).ToHashSet();
        var rows = table.Rows.Where(r => r.Get("new_commune_code") is { } c && newCodes.Contains(c)).ToList();
        var crosswalkErrors = new ImportErrors(table.Name);
        var links = new List<DemoCrosswalkRow>();
        foreach (var r in rows)
        {
            var kind = r.Get("merge_type") switch
            {
                "full" => LineageKind.Full,
                "partial" => LineageKind.Partial,
                var other => (LineageKind?)null,
            };
            if (kind is null) crosswalkErrors.Add(r.Row, "merge_type", $"'{r.Get("merge_type")}' is not full|partial");
            else links.Add(new DemoCrosswalkRow(r.Get("old_commune_code")!, r.Get("new_commune_code")!, kind.Value));
        }
        crosswalkErrors.ThrowIfAny();
        var provinceCode = rows.Select(r => r.Get("new_province_code")).FirstOrDefault(c => c is not null) ?? "00";
        var provinceName = rows.Select(r => r.Get("new_province_name")).FirstOrDefault(c => c is not null) ?? $"Tỉnh {provinceCode}";
        return new DemoBoundaryInput
        {
            ProvinceCode = provinceCode,
            ProvinceName = provinceName,
            PreMergerUnits = preUnits,
            PostMergerUnits = postUnits,
            Crosswalk = links,
        };
    }

    private static Geometry Wgs84(FeatureFile file, FeatureRecord f, ImportErrors errors)
    {
        var epsg = file.Epsg ?? throw new ImportException(file.Name, 0, "crs", file.CrsNote ?? "unknown CRS");
        var g = BoundaryGeometry.Prepare(f.Geometry, epsg);
        if (g.Error is not null) errors.Add(f.Row, "geometry", g.Error);
        return g.Geometry ?? (Geometry)MultiPolygon.Empty;
    }
}
