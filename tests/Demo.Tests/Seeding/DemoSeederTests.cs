using DiaBan.Analytics.Classification;
using DiaBan.Geo.Data;
using DiaBan.Demo.Province;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Demo.Tests.Seeding;

/// <summary>The synthetic demo province written to PostGIS and classified for 2019–2026.</summary>
public class DemoSeederTests(DemoSeederTests.Fixture fx) : IClassFixture<DemoSeederTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public DemoProvince Demo { get; } = DemoProvinceGenerator.Generate();
        public DemoSeedResult First { get; private set; } = null!;
        public DemoSeedResult Second { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDb();
            First = await new DemoSeeder(db).SeedAsync(Demo);
            Second = await new DemoSeeder(db).SeedAsync(Demo);
        }
    }

    [Fact]
    public async Task Every_generated_record_is_stored()
    {
        Assert.False(fx.First.AlreadySeeded);
        var d = fx.Demo;
        Assert.Equal(d.PreMergerUnits.Count + d.PostMergerUnits.Count, await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE level = 'commune'"));
        Assert.Equal(d.Incidents.Count, await fx.ScalarAsync<long>("SELECT count(*) FROM incident"));
        Assert.Equal(d.Indicators.Count, await fx.ScalarAsync<long>("SELECT count(*) FROM unit_indicator"));
        Assert.Equal(d.Lineage.Count, await fx.ScalarAsync<long>("SELECT count(*) FROM unit_lineage"));
        Assert.Equal(d.Businesses.Count, await fx.ScalarAsync<long>("SELECT count(*) FROM conditional_business"));
        Assert.Equal(d.Routes.Count, await fx.ScalarAsync<long>("SELECT count(*) FROM key_route"));
    }

    [Fact]
    public async Task Every_incident_is_assigned_to_a_commune_valid_on_its_date_that_covers_it()
    {
        Assert.Equal(0L, await fx.ScalarAsync<long>("""
            SELECT count(*) FROM incident i JOIN admin_unit u ON u.id = i.unit_id
            WHERE NOT (u.valid_from <= i.occurred_on AND (u.valid_to IS NULL OR i.occurred_on < u.valid_to))
               OR NOT ST_Covers(u.geom, i.geom)
            """));
        Assert.Equal(0L, await fx.ScalarAsync<long>("SELECT count(*) FROM incident WHERE unit_id IS NULL"));
    }

    [Fact]
    public async Task Stored_boundaries_are_valid_and_the_merger_date_splits_the_eras()
    {
        Assert.Equal(0L, await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE NOT ST_IsValid(geom)"));
        Assert.Equal((long)fx.Demo.PreMergerUnits.Count,
            await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE level = 'commune' AND valid_to = '2025-07-01'"));
    }

    [Fact]
    public async Task Every_year_is_classified_on_the_units_valid_at_its_end()
    {
        Assert.Equal(Enumerable.Range(2019, 8), fx.First.Years.Select(y => y.Year));
        Assert.All(fx.First.Years.Where(y => y.Year <= 2024), y => Assert.Equal(fx.Demo.PreMergerUnits.Count, y.Units));
        Assert.All(fx.First.Years.Where(y => y.Year >= 2025), y => Assert.Equal(fx.Demo.PostMergerUnits.Count, y.Units));
        await using var db = fx.CreateDb();
        Assert.Equal(6 * fx.Demo.PreMergerUnits.Count + 2 * fx.Demo.PostMergerUnits.Count, await db.StatusAssessments.CountAsync());
    }

    [Fact]
    public async Task The_simulated_persistent_hotspots_are_key_areas_every_year_before_the_merger()
    {
        await using var db = fx.CreateDb();
        var hot = fx.Demo.Scenario.PersistentHotspotCodes;
        var statuses = await db.StatusAssessments.Where(a => a.Year <= 2024 && hot.Contains(a.Unit.Code) && a.Unit.ValidTo != null)
            .Select(a => a.ComputedStatus).ToListAsync();
        Assert.Equal(6 * hot.Count, statuses.Count);
        Assert.All(statuses, s => Assert.Contains(s, new[] { CommuneStatus.KeyTypeIII, CommuneStatus.KeyTypeII, CommuneStatus.KeyTypeI }));
    }

    [Fact]
    public async Task Seeding_again_is_skipped_and_force_reseeds_from_scratch()
    {
        Assert.True(fx.Second.AlreadySeeded);
        await using var db = fx.CreateDb();
        var before = await db.Incidents.CountAsync();
        var forced = await new DemoSeeder(db).SeedAsync(fx.Demo, force: true);
        Assert.False(forced.AlreadySeeded);
        Assert.Equal(before, await db.Incidents.CountAsync());
        Assert.Equal(fx.First.Years.Select(y => y.ToString()), forced.Years.Select(y => y.ToString()));
        var actions = await db.AuditEntries.Select(a => a.Action).ToListAsync();
        Assert.Equal(2, actions.Count(a => a == "seed"));
        Assert.Equal(1, actions.Count(a => a == "wipe"));
    }
}
