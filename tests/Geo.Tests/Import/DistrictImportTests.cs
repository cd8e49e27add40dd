using System.Text.Json.Nodes;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;

namespace DiaBan.Geo.Tests.Import;

/// <summary>
/// The district level from the real pre-2025 files: old Cà Mau's districts imported under their province, then its
/// communes linked by the file's district_id; An Giang's communes imported first and linked by point when its
/// districts come after them; and the refusals (a district code that does not exist, names file, row and field; a
/// district valid after 2025-07-01; a district code on post-2025 communes).
/// </summary>
public class DistrictImportTests(DistrictImportTests.Fixture fx) : IClassFixture<DistrictImportTests.Fixture>
{
    public static readonly DateOnly From = new(2015, 1, 1);

    private static BoundaryImportOptions Options(UnitLevel level, string province, string? districtCodeField = null) => new()
    {
        Level = level, ValidFrom = From, ValidTo = UnitLevels.DistrictsAbolishedOn,
        CodeField = level switch { UnitLevel.Province => "province_id", UnitLevel.District => "district_id", _ => "commune_id" },
        NameField = level switch { UnitLevel.Province => "province_vn", UnitLevel.District => "district_vn", _ => "commune_vn" },
        ParentCodeField = level == UnitLevel.Province ? null : "province_id",
        DistrictCodeField = districtCodeField,
        PopulationField = "population", WhereField = "province_id", WhereValue = province,
    };

    public sealed class Fixture : DatabaseFixture
    {
        public ImportResult CaMauDistricts { get; private set; } = null!;
        public ImportResult CaMauCommunes { get; private set; } = null!;
        public ImportResult AnGiangCommunes { get; private set; } = null!;
        public ImportResult AnGiangDistricts { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var provinces = SharedData.VnFile("provinces_pre2025_national.geojson");
            var districts = SharedData.VnFile("districts_pre2025_national.geojson");
            var communes = SharedData.VnFile("communes_pre2025_national.geojson");
            foreach (var code in new[] { "823", "805" })
                await using (var db = CreateDb()) await new BoundaryImporter(db).ImportAsync(provinces, Options(UnitLevel.Province, code));
            // Cà Mau: districts, then communes by code
            await using (var db = CreateDb()) CaMauDistricts = await new BoundaryImporter(db).ImportAsync(districts, Options(UnitLevel.District, "823"));
            await using (var db = CreateDb()) CaMauCommunes = await new BoundaryImporter(db).ImportAsync(communes, Options(UnitLevel.Commune, "823", "district_id"));
            // An Giang: communes first (no district yet), then its districts take them by point
            await using (var db = CreateDb()) AnGiangCommunes = await new BoundaryImporter(db).ImportAsync(communes, Options(UnitLevel.Commune, "805"));
            await using (var db = CreateDb()) AnGiangDistricts = await new BoundaryImporter(db).ImportAsync(districts, Options(UnitLevel.District, "805"));
        }
    }

    // commune_id → district_id of the province's communes in the file
    private static Dictionary<string, string> FileDistricts(string province) =>
        JsonNode.Parse(File.ReadAllText(SharedData.VnFile("communes_pre2025_national.geojson")))!["features"]!.AsArray()
            .Select(f => f!["properties"]!)
            .Where(p => p["province_id"]!.ToString() == province)
            .ToDictionary(p => p["commune_id"]!.ToString(), p => p["district_id"]!.ToString());

    private async Task<Dictionary<string, string?>> StoredDistrictsAsync(string province)
    {
        var rows = await fx.ScalarAsync<string>($"""
            SELECT string_agg(c.code || '=' || coalesce(d.code, ''), ',')
            FROM admin_unit c JOIN admin_unit p ON p.id = c.parent_id LEFT JOIN admin_unit d ON d.id = c.district_id
            WHERE c.level = 'commune' AND p.code = '{province}'
            """);
        return rows.Split(',').Select(r => r.Split('=')).ToDictionary(r => r[0], r => r[1] == "" ? null : r[1]);
    }

    [Fact]
    public async Task Districts_are_stored_under_their_province_until_the_2025_reform()
    {
        Assert.Equal(9, CaMauDistrictCount());
        Assert.Equal(9, fx.CaMauDistricts.Inserted);
        Assert.Equal(9L, await fx.ScalarAsync<long>("""
            SELECT count(*) FROM admin_unit d JOIN admin_unit p ON p.id = d.parent_id
            WHERE d.level = 'district' AND p.code = '823' AND d.valid_to = DATE '2025-07-01' AND d.area_km2 > 0
            """));
        // kinds read from the names: Thành phố Cà Mau, the rest huyện
        Assert.Equal("thanh_pho:1,huyen:8", await fx.ScalarAsync<string>(
            "SELECT string_agg(kind || ':' || n, ',' ORDER BY n) FROM (SELECT d.kind, count(*) n FROM admin_unit d JOIN admin_unit p ON p.id = d.parent_id WHERE d.level = 'district' AND p.code = '823' GROUP BY d.kind) x"));
    }

    private static int CaMauDistrictCount() =>
        JsonNode.Parse(File.ReadAllText(SharedData.VnFile("districts_pre2025_national.geojson")))!["features"]!.AsArray()
            .Count(f => f!["properties"]!["province_id"]!.ToString() == "823");

    [Fact]
    public async Task Communes_with_a_district_code_are_linked_to_exactly_that_district()
    {
        var expected = FileDistricts("823");
        Assert.Equal(101, expected.Count);
        Assert.Equal(expected.Count, fx.CaMauCommunes.Inserted);
        Assert.Contains($"{expected.Count} commune(s) linked to their district", string.Join(" ", fx.CaMauCommunes.Notes ?? []));
        var stored = await StoredDistrictsAsync("823");
        Assert.Equal(expected.OrderBy(e => e.Key), stored.OrderBy(s => s.Key).Select(s => KeyValuePair.Create(s.Key, s.Value!)));
        Assert.Equal(101L, await fx.ScalarAsync<long>("""
            SELECT count(*) FROM admin_unit c JOIN admin_unit d ON d.id = c.district_id
            WHERE c.level = 'commune' AND d.level = 'district' AND d.parent_id = c.parent_id
            """ + " AND d.parent_id = (SELECT id FROM admin_unit WHERE level = 'province' AND code = '823')"));
    }

    [Fact]
    public async Task Districts_imported_after_their_communes_take_them_by_point_on_surface()
    {
        var expected = FileDistricts("805");
        Assert.DoesNotContain(fx.AnGiangCommunes.Notes ?? [], n => n.Contains("linked")); // no district existed then
        var stored = await StoredDistrictsAsync("805");
        Assert.Equal(expected.Count, stored.Count);
        Assert.All(stored.Values, d => Assert.NotNull(d));
        Assert.Contains($"{expected.Count} commune(s) linked to their district", string.Join(" ", fx.AnGiangDistricts.Notes ?? []));
        // the simplified polygons of the basemap: the point on surface of a commune lies in the district the file names
        var wrong = expected.Where(e => stored[e.Key] != e.Value).Select(e => $"{e.Key}: {stored[e.Key]} ≠ {e.Value}").ToList();
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }

    [Fact]
    public async Task A_district_code_that_does_not_exist_is_refused_naming_file_row_and_field()
    {
        var folder = Directory.CreateTempSubdirectory("diaban-district-");
        try
        {
            var doc = JsonNode.Parse(File.ReadAllText(SharedData.VnFile("communes_pre2025_ca_mau.geojson")))!.AsObject();
            var kept = new JsonArray(doc["features"]!.AsArray().Take(3).Select(f => f!.DeepClone()).ToArray());
            for (var i = 0; i < kept.Count; i++)
            {
                kept[i]!["properties"]!["commune_id"] = $"T{i}";
                kept[i]!["properties"]!["province_id"] = 823;
            }
            kept[1]!["properties"]!["district_id"] = 99999;
            doc["features"] = kept;
            var path = Path.Combine(folder.FullName, "bad_districts.geojson");
            await File.WriteAllTextAsync(path, doc.ToJsonString());
            var before = await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit");

            await using var db = fx.CreateDb();
            var refused = await Assert.ThrowsAsync<ImportException>(() =>
                new BoundaryImporter(db).ImportAsync(path, Options(UnitLevel.Commune, "823", "district_id")));
            var error = Assert.Single(refused.Errors);
            Assert.Equal("bad_districts.geojson", error.File);
            Assert.Equal(2, error.Row);
            Assert.Equal("district_id", error.Field);
            Assert.Contains("no district with code 99999 valid on 2015-01-01", error.Message);
            Assert.Equal(before, await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Districts_after_the_reform_and_district_codes_on_new_communes_are_refused()
    {
        await using var db = fx.CreateDb();
        var open = await Assert.ThrowsAsync<ImportException>(() => new BoundaryImporter(db).ImportAsync(
            SharedData.VnFile("districts_pre2025_national.geojson"), Options(UnitLevel.District, "823") with { ValidTo = null }));
        Assert.Equal("valid_to", Assert.Single(open.Errors).Field);
        Assert.Contains("2025-07-01", open.Message);

        var after = await Assert.ThrowsAsync<ImportException>(() => new BoundaryImporter(db).ImportAsync(
            SharedData.VnFile("communes_2025_ca_mau.geojson"), new BoundaryImportOptions
            {
                Level = UnitLevel.Commune, ValidFrom = UnitLevels.DistrictsAbolishedOn, CodeField = "code", NameField = "fullName",
                DistrictCodeField = "district_id",
            }));
        Assert.Equal("district_id", Assert.Single(after.Errors).Field);
    }

    [Fact]
    public void The_basemap_draws_Hoa_Vang_over_Lien_Chieu_and_the_repair_cuts_it_out()
    {
        var file = FeatureFileReader.Read(SharedData.VnFile("districts_pre2025_national.geojson"));
        var geometries = file.Features.Select(f => f.Geometry!).ToArray();
        var hoaVang = Array.FindIndex(file.Features.ToArray(), f => f.GetString("district_id") == "50111");
        var lienChieu = Array.FindIndex(file.Features.ToArray(), f => f.GetString("district_id") == "50109");
        var overlapBefore = geometries[hoaVang].Intersection(geometries[lienChieu]).Area / geometries[lienChieu].Area;
        Assert.True(overlapBefore > 0.5, $"{overlapBefore:P0} of Liên Chiểu inside Hòa Vang");
        var cut = NestedUnits.CutOut(geometries);
        Assert.Contains((hoaVang, lienChieu), cut);
        Assert.True(geometries[hoaVang].Intersection(geometries[lienChieu]).Area < 0.01 * geometries[lienChieu].Area);
        Assert.True(geometries[hoaVang].IsValid);
    }
}
