using System.Text.Json.Nodes;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;

namespace DiaBan.Testing;

/// <summary>
/// The real national pre-2025 layers (63 provinces, 11,163 communes from shared/data/vn) imported with
/// <c>import boundaries</c>'s importer, for the national map test and bench/Tiles until a national demo exists.
/// Valid 2015-01-01 to 2025-07-01 (the demo's pre-merger era). Provinces given in <paramref name="leaveOut"/>
/// (province_id) are left out with their communes: the demo province stands where Cà Mau (823) is, and boundary
/// versions of a level may not overlap.
/// </summary>
public static class NationalLayers
{
    public static readonly DateOnly ValidFrom = new(2015, 1, 1);
    public static readonly DateOnly ValidTo = new(2025, 7, 1);

    /// <summary>The provinces the demo province's boundary overlaps (Cà Mau, whose communes it has, Bạc Liêu, Cần Thơ,
    /// Hậu Giang: the import refuses them otherwise).</summary>
    public static readonly IReadOnlySet<int> DemoProvinceIds = new HashSet<int> { 815, 816, 821, 823 };

    /// <returns>(provinces, communes) imported.</returns>
    public static async Task<(int Provinces, int Communes)> ImportPre2025Async(string connectionString, IReadOnlySet<int> leaveOut,
        CancellationToken ct = default)
    {
        var folder = Directory.CreateTempSubdirectory("diaban-national-");
        try
        {
            var provinces = Filtered(SharedData.VnFile("provinces_pre2025_national.geojson"), leaveOut, folder.FullName);
            var communes = Filtered(SharedData.VnFile("communes_pre2025_national.geojson"), leaveOut, folder.FullName);
            await using (var db = DiaBanDb.Create(connectionString))
            {
                await new BoundaryImporter(db).ImportAsync(provinces.Path, new BoundaryImportOptions
                {
                    Level = UnitLevel.Province, ValidFrom = ValidFrom, ValidTo = ValidTo,
                    CodeField = "province_id", NameField = "province_vn", PopulationField = "population",
                }, ct);
            }
            await using (var db = DiaBanDb.Create(connectionString))
            {
                await new BoundaryImporter(db).ImportAsync(communes.Path, new BoundaryImportOptions
                {
                    Level = UnitLevel.Commune, ValidFrom = ValidFrom, ValidTo = ValidTo,
                    CodeField = "commune_id", NameField = "commune_vn", ParentCodeField = "province_id", PopulationField = "population",
                }, ct);
            }
            return (provinces.Count, communes.Count);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // the file without the left-out provinces; the two communes without a Vietnamese name get their ASCII one
    // (the importer refuses empty names)
    private static (string Path, int Count) Filtered(string source, IReadOnlySet<int> leaveOut, string folder)
    {
        var doc = JsonNode.Parse(File.ReadAllText(source))!.AsObject();
        var kept = new JsonArray();
        foreach (var feature in doc["features"]!.AsArray().ToList())
        {
            var properties = feature!["properties"]!.AsObject();
            if (leaveOut.Contains(properties["province_id"]!.GetValue<int>())) continue;
            if (properties.ContainsKey("commune_vn") && string.IsNullOrWhiteSpace(properties["commune_vn"]?.GetValue<string>()))
                properties["commune_vn"] = properties["commune"]?.GetValue<string>() is { Length: > 0 } ascii ? ascii : $"Xã {properties["commune_id"]}";
            doc["features"]!.AsArray().Remove(feature);
            kept.Add(feature);
        }
        doc["features"] = kept;
        var path = Path.Combine(folder, Path.GetFileName(source));
        File.WriteAllText(path, doc.ToJsonString());
        return (path, kept.Count);
    }
}
