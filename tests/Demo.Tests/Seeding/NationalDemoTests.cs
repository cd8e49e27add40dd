using DiaBan.Demo.National;
using DiaBan.Demo.Province;

namespace DiaBan.Demo.Tests.Seeding;

/// <summary>
/// `diaban demo seed --national` reduced to two post-2025 provinces of the real national layers (to keep CI short):
/// Cà Mau (96: old Cà Mau and Bạc Liêu merged) and Lai Châu (12: not merged), at half the incident rate. The full
/// national run is measured in docs/performance.md.
/// </summary>
public class NationalDemoTests(NationalDemoTests.Fixture fx) : IClassFixture<NationalDemoTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public NationalDemoInput Input { get; } = NationalDemoFiles.Read(SharedData.VnFolder, ["96", "12"]);
        public DemoSeedResult Result { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDb();
            Result = await new DemoSeeder(db).SeedNationalAsync(Input, new DemoProvinceOptions { IncidentScale = 0.5 });
        }
    }

    [Fact]
    public void The_layers_are_cut_by_post_2025_province_and_the_crosswalk_names_most_old_communes()
    {
        Assert.Equal(["12", "96"], fx.Input.Provinces.Select(p => p.ProvinceCode));
        var caMau = fx.Input.Provinces.Single(p => p.ProvinceCode == "96");
        // old Cà Mau (101 communes) and old Bạc Liêu; the 64 new units of the real file
        Assert.InRange(caMau.PreMergerUnits.Count, 160, 170);
        Assert.Equal(64, caMau.PostMergerUnits.Count);
        Assert.True(fx.Input.CrosswalkMatched > 0.7 * fx.Input.PreMergerUnits,
            $"{fx.Input.CrosswalkMatched} of {fx.Input.PreMergerUnits} old communes found in the crosswalk by name");
    }

    [Fact]
    public async Task Both_provinces_have_communes_on_both_sides_of_the_merger_each_with_a_status_every_year()
    {
        Assert.Equal(2L, await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE level = 'province'"));
        foreach (var code in new[] { "12", "96" })
        {
            var input = fx.Input.Provinces.Single(p => p.ProvinceCode == code);
            var communes = $"FROM admin_unit u JOIN admin_unit p ON p.id = u.parent_id AND p.code = '{code}' WHERE u.level = 'commune'";
            Assert.Equal(input.PreMergerUnits.Count, await fx.ScalarAsync<long>($"SELECT count(*) {communes} AND u.valid_to = '2025-07-01'"));
            Assert.Equal(input.PostMergerUnits.Count, await fx.ScalarAsync<long>($"SELECT count(*) {communes} AND u.valid_from = '2025-07-01'"));
            // every commune valid at a year's end has that year's status
            Assert.Equal(6L * input.PreMergerUnits.Count, await fx.ScalarAsync<long>(
                $"SELECT count(*) FROM status_assessment a JOIN admin_unit u ON u.id = a.unit_id JOIN admin_unit p ON p.id = u.parent_id AND p.code = '{code}' " +
                "WHERE u.valid_to = '2025-07-01' AND a.year BETWEEN 2019 AND 2024"));
            Assert.Equal(2L * input.PostMergerUnits.Count, await fx.ScalarAsync<long>(
                $"SELECT count(*) FROM status_assessment a JOIN admin_unit u ON u.id = a.unit_id JOIN admin_unit p ON p.id = u.parent_id AND p.code = '{code}' " +
                "WHERE u.valid_from = '2025-07-01' AND a.year IN (2025, 2026)"));
        }
        Assert.Equal(Enumerable.Range(2019, 8), fx.Result.Years.Select(y => y.Year));
    }

    [Fact]
    public async Task Old_districts_are_seeded_until_the_reform_and_each_old_commune_is_linked_to_its_own()
    {
        foreach (var code in new[] { "12", "96" })
        {
            var input = fx.Input.Provinces.Single(p => p.ProvinceCode == code);
            Assert.NotEmpty(input.Districts);
            Assert.Equal(input.Districts.Count, await fx.ScalarAsync<long>(
                $"SELECT count(*) FROM admin_unit d JOIN admin_unit p ON p.id = d.parent_id AND p.code = '{code}' WHERE d.level = 'district' AND d.valid_to = '2025-07-01'"));
            var expected = input.PreMergerUnits.Where(u => input.Districts.Any(d => d.Code == u.DistrictCode))
                .Select(u => $"{u.Code}={u.DistrictCode}").Order().ToList();
            var stored = (await fx.ScalarAsync<string>(
                $"SELECT string_agg(c.code || '=' || d.code, ',' ORDER BY c.code || '=' || d.code) FROM admin_unit c JOIN admin_unit p ON p.id = c.parent_id AND p.code = '{code}' " +
                "JOIN admin_unit d ON d.id = c.district_id WHERE c.level = 'commune'")).Split(',').ToHashSet();
            Assert.All(expected, e => Assert.Contains(e, stored));
            Assert.Equal(input.PreMergerUnits.Count, stored.Count);
        }
        // old Cà Mau (9 districts) and old Bạc Liêu went into new Cà Mau
        Assert.InRange(fx.Input.Provinces.Single(p => p.ProvinceCode == "96").Districts.Count, 15, 17);
        Assert.Equal(0L, await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE district_id IS NOT NULL AND valid_from >= '2025-07-01'"));
    }

    [Fact]
    public async Task Every_new_commune_has_predecessors_and_every_incident_lies_in_its_commune()
    {
        Assert.Equal(0L, await fx.ScalarAsync<long>("""
            SELECT count(*) FROM admin_unit u WHERE u.level = 'commune' AND u.valid_from = '2025-07-01'
              AND NOT EXISTS (SELECT 1 FROM unit_lineage l WHERE l.new_unit_id = u.id)
            """));
        Assert.True(fx.Result.Incidents > 1000, $"{fx.Result.Incidents} incidents");
        Assert.Equal((long)fx.Result.Incidents, await fx.ScalarAsync<long>("SELECT count(DISTINCT external_id) FROM incident"));
        Assert.Equal(0L, await fx.ScalarAsync<long>("""
            SELECT count(*) FROM incident i JOIN admin_unit u ON u.id = i.unit_id
            WHERE NOT (u.valid_from <= i.occurred_on AND (u.valid_to IS NULL OR i.occurred_on < u.valid_to)) OR NOT ST_Covers(u.geom, i.geom)
            """));
        // the indexes dropped for the load are back
        // (the product's set: the key, the unique external id and (unit_id, occurred_on); no GiST — docs/performance.md, issue 12)
        Assert.Equal("ix_incident_external_id,ix_incident_unit_id_occurred_on,pk_incident", await fx.ScalarAsync<string>(
            "SELECT string_agg(indexrelid::regclass::text, ',' ORDER BY indexrelid::regclass::text) FROM pg_index WHERE indrelid = 'incident'::regclass"));
        Assert.Equal(1L, await fx.ScalarAsync<long>("SELECT count(*) FROM pg_constraint WHERE conrelid = 'incident'::regclass AND contype = 'f'"));
    }
}
