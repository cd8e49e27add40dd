using System.Text.Json.Nodes;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using Npgsql;

namespace DiaBan.Testing;

/// <summary>
/// The real national pre-2025 layers (63 provinces, 703 districts, 11,163 communes from shared/data/vn) imported with
/// <c>import boundaries</c>'s importer, for the national map test and bench/Tiles until a national demo exists.
/// Valid 2015-01-01 to 2025-07-01 (the demo's pre-merger era). Units that overlap a unit of their level already in the
/// database (the demo province and its communes, by the importer's own rule admin_unit_overlaps) are left out, and
/// with a province its districts and communes: boundary versions of a level may not overlap. Communes are linked to
/// their district by the file's district_id; a district drawn over its neighbour loses the neighbour's area
/// (<see cref="NestedUnits"/>).
/// </summary>
public static class NationalLayers
{
    public static readonly DateOnly ValidFrom = new(2015, 1, 1);
    public static readonly DateOnly ValidTo = new(2025, 7, 1);

    /// <returns>(provinces, communes, districts) imported.</returns>
    public static async Task<(int Provinces, int Communes, int Districts)> ImportPre2025Async(string connectionString, CancellationToken ct = default)
    {
        var folder = Directory.CreateTempSubdirectory("diaban-national-");
        try
        {
            var leftOut = new HashSet<int>();
            var provinces = await FilteredAsync(connectionString, "province", SharedData.VnFile("provinces_pre2025_national.geojson"), leftOut, folder.FullName, ct);
            var districts = await FilteredAsync(connectionString, "district", SharedData.VnFile("districts_pre2025_national.geojson"), leftOut, folder.FullName, ct);
            var communes = await FilteredAsync(connectionString, "commune", SharedData.VnFile("communes_pre2025_national.geojson"), leftOut, folder.FullName, ct);
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
                await new BoundaryImporter(db).ImportAsync(districts.Path, new BoundaryImportOptions
                {
                    Level = UnitLevel.District, ValidFrom = ValidFrom, ValidTo = ValidTo,
                    CodeField = "district_id", NameField = "district_vn", ParentCodeField = "province_id", PopulationField = "population",
                }, ct);
            }
            await using (var db = DiaBanDb.Create(connectionString))
            {
                await new BoundaryImporter(db).ImportAsync(communes.Path, new BoundaryImportOptions
                {
                    Level = UnitLevel.Commune, ValidFrom = ValidFrom, ValidTo = ValidTo,
                    CodeField = "commune_id", NameField = "commune_vn", ParentCodeField = "province_id",
                    DistrictCodeField = "district_id", PopulationField = "population",
                }, ct);
            }
            return (provinces.Count, communes.Count, districts.Count);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // The file without the features that overlap a stored unit of the level, nor those of a left-out province (whose
    // ids are added to leftOut); the communes without a Vietnamese name get their ASCII one (the importer refuses
    // empty names).
    private static async Task<(string Path, int Count)> FilteredAsync(string connectionString, string level, string source,
        HashSet<int> leftOut, string folder, CancellationToken ct)
    {
        var doc = JsonNode.Parse(await File.ReadAllTextAsync(source, ct))!.AsObject();
        var features = doc["features"]!.AsArray().Select(f => f!).ToList();
        var overlapping = new HashSet<int>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("""
                SELECT g.i::int FROM unnest(@geometries) WITH ORDINALITY g(json, i)
                CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(g.json), 4326) AS geom) n
                WHERE EXISTS (SELECT 1 FROM admin_unit u
                              WHERE u.level = @level::text AND u.geom && n.geom AND admin_unit_overlaps(u.geom, ST_MakeValid(n.geom)))
                """, connection);
            command.Parameters.AddWithValue("geometries", features.Select(f => f["geometry"]!.ToJsonString()).ToArray());
            command.Parameters.AddWithValue("level", level);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) overlapping.Add(reader.GetInt32(0) - 1);
        }
        var kept = new JsonArray();
        for (var i = 0; i < features.Count; i++)
        {
            var properties = features[i]["properties"]!.AsObject();
            var province = properties["province_id"]!.GetValue<int>();
            if (overlapping.Contains(i) && level == "province") leftOut.Add(province);
            if (overlapping.Contains(i) || leftOut.Contains(province)) continue;
            if (properties.ContainsKey("commune_vn") && string.IsNullOrWhiteSpace(properties["commune_vn"]?.GetValue<string>()))
                properties["commune_vn"] = properties["commune"]?.GetValue<string>() is { Length: > 0 } ascii ? ascii : $"Xã {properties["commune_id"]}";
            doc["features"]!.AsArray().Remove(features[i]);
            kept.Add(features[i]);
        }
        if (level == "district")
        {
            // the basemap draws a district over its neighbour (Hòa Vang over Liên Chiểu): cut the smaller out (NestedUnits)
            var options = new System.Text.Json.JsonSerializerOptions { Converters = { new NetTopologySuite.IO.Converters.GeoJsonConverterFactory() } };
            var geometries = kept.Select(f => System.Text.Json.JsonSerializer.Deserialize<NetTopologySuite.Geometries.Geometry>(f!["geometry"]!.ToJsonString(), options)!).ToArray();
            foreach (var (larger, _) in NestedUnits.CutOut(geometries))
                kept[larger]!["geometry"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(geometries[larger], options));
        }
        doc["features"] = kept;
        var path = Path.Combine(folder, Path.GetFileName(source));
        await File.WriteAllTextAsync(path, doc.ToJsonString(), ct);
        return (path, kept.Count);
    }
}
