using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Risk;
using DiaBan.Analytics.Spatial;
using DiaBan.Geo.Data;
using DiaBan.Demo.Province;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Tests.Infrastructure;
using Npgsql;

namespace DiaBan.Geo.Tests.Services;

/// <summary>The risk panel read from PostGIS, checked against the demo generator's own records (which know each incident's post-merger commune).</summary>
public class RiskPanelQueryTests(RiskPanelQueryTests.Fixture fx) : IClassFixture<RiskPanelQueryTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public DemoProvince Demo { get; } = DemoProvinceGenerator.Generate();
        public RiskPanel Panel { get; private set; } = null!;
        public IReadOnlyList<IncidentPoint> Points { get; private set; } = [];
        public int ExposedUnit { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using (var db = CreateDb())
            {
                await new DemoSeeder(db).SeedAsync(Demo);
                // 12 patrol-days in 2024-Q2 recorded on a pre-merger commune that went wholly into one new commune:
                // they must land on that commune
                ExposedUnit = await ScalarAsync<int>(
                    "SELECT old_unit_id FROM unit_lineage GROUP BY old_unit_id HAVING count(*) = 1 ORDER BY old_unit_id LIMIT 1");
                db.PatrolExposures.Add(new PatrolExposure
                {
                    UnitId = ExposedUnit, Quarter = new CalendarQuarter(2024, 2).Ordinal, PatrolDays = 12, RecordedBy = "test", RecordedAt = DateTimeOffset.UtcNow,
                });
                await db.SaveChangesAsync();
            }
            await using var source = NpgsqlDataSource.Create(ConnectionString);
            (Panel, Points) = await new RiskPanelQuery(source).BuildAsync(new CalendarQuarter(2026, 3).Ordinal, withPoints: true);
        }
    }

    private UnitQuarterPanel P => fx.Panel.Panel;

    [Fact]
    public void Units_are_the_post_merger_communes_and_quarters_run_from_the_first_incident_to_the_end()
    {
        Assert.Equal(fx.Demo.PostMergerUnits.Select(u => u.Code).Order(StringComparer.Ordinal), P.UnitIds);
        Assert.Equal(new CalendarQuarter(2019, 1).Ordinal, P.Quarters[0]);
        Assert.Equal(new CalendarQuarter(2026, 3).Ordinal, P.Quarters[^1]);
    }

    [Fact]
    public void Counts_per_commune_kind_and_source_match_the_generators_post_merger_assignment()
    {
        var expected = new int[P.UnitCount, IncidentKinds.CountedKinds, 2];
        var index = P.UnitIds.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        foreach (var i in fx.Demo.Incidents)
            expected[index[i.PostMergerUnitCode], (int)i.Kind, (int)i.Source.Discovery()]++;
        for (int u = 0; u < P.UnitCount; u++)
            for (int k = 0; k < IncidentKinds.CountedKinds; k++)
                for (int s = 0; s < 2; s++)
                    Assert.Equal(expected[u, k, s], Enumerable.Range(0, P.QuarterCount).Sum(q => P.Counts[u, q, k, s]));
        Assert.Equal(fx.Demo.Incidents.Count, fx.Points.Count);
    }

    [Fact]
    public void Neighbours_are_the_queen_contiguity_of_the_generators_post_merger_polygons()
    {
        // the same rule the map statistics use, on the geometries the generator drew (panel units are in code order)
        var units = fx.Demo.PostMergerUnits.OrderBy(u => u.Code, StringComparer.Ordinal).ToArray();
        var queen = ContiguityBuilder.Queen(units.Select(u => (NetTopologySuite.Geometries.Geometry)u.Geometry).ToArray(), islandPolicy: IslandPolicy.ZeroLag);
        Assert.Equal(units.Length, P.Neighbours.Length);
        for (int u = 0; u < P.UnitCount; u++)
            Assert.Equal(queen.Neighbours(u).ToArray(), P.Neighbours[u]);
        for (int u = 0; u < P.UnitCount; u++)
            foreach (var v in P.Neighbours[u]) Assert.Contains(u, P.Neighbours[v]);
        Assert.True(P.Neighbours.Count(n => n.Length > 0) >= P.UnitCount - 2, "all but an island or two touch a neighbour");
    }

    [Fact]
    public void Pre_merger_years_get_a_status_through_lineage()
    {
        for (int u = 0; u < P.UnitCount; u++)
        {
            Assert.NotEqual(CommuneStatusInfo.UnknownSeverity, P.Status(u, 2023));
            Assert.NotEqual(CommuneStatusInfo.UnknownSeverity, P.Status(u, 2025));
        }
    }

    [Fact]
    public async Task Patrol_exposure_on_an_old_commune_counts_for_the_commune_covering_it()
    {
        int q = P.PositionOf(new CalendarQuarter(2024, 2).Ordinal);
        Assert.Equal(12.0, Enumerable.Range(0, P.UnitCount).Sum(u => P.PatrolDays[u, q]));
        var holder = await fx.ScalarAsync<string>(
            $"SELECT n.code FROM unit_lineage l JOIN admin_unit n ON n.id = l.new_unit_id WHERE l.old_unit_id = {fx.ExposedUnit}");
        Assert.Equal(12.0, P.PatrolDays[P.UnitIds.ToList().IndexOf(holder), q]);
    }

    [Fact]
    public void Areas_are_positive_and_businesses_and_route_distances_are_read()
    {
        Assert.All(P.AreaKm2, a => Assert.True(a > 0));
        Assert.Equal(fx.Demo.Businesses.Count, (int)P.ConditionalBusinesses.Sum());
        Assert.Contains(P.KeyRouteDistanceM, d => d == 0);
        Assert.DoesNotContain(P.KeyRouteDistanceM, d => d == RiskPanelQuery.NoRouteDistanceM);
    }
}
