using DiaBan.Analytics.Spatial;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Geo.Tests.Queries;

/// <summary>Contiguity from PostGIS equals contiguity from NetTopologySuite on the same stored real boundaries.</summary>
public class ContiguityQueryTests(ContiguityQueryTests.Fixture fx) : IClassFixture<ContiguityQueryTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDb();
            await CaMau.ImportAllAsync(db);
        }
    }

    [Theory]
    [InlineData(ContiguityRule.Queen, "2019-01-01")]
    [InlineData(ContiguityRule.Rook, "2019-01-01")]
    [InlineData(ContiguityRule.Queen, "2025-07-01")]
    [InlineData(ContiguityRule.Rook, "2025-07-01")]
    public async Task PostGIS_adjacency_equals_NetTopologySuite_contiguity_on_real_Ca_Mau_communes(ContiguityRule rule, string validFrom)
    {
        var from = DateOnly.Parse(validFrom, System.Globalization.CultureInfo.InvariantCulture);
        await using var db = fx.CreateDb();
        var units = await db.AdminUnits.Where(u => u.ValidFrom == from).OrderBy(u => u.Id).Select(u => new { u.Id, u.Geom }).ToListAsync();
        Assert.True(units.Count >= 64, $"{units.Count} units");

        var geometries = units.Select(u => (NetTopologySuite.Geometries.Geometry)u.Geom).ToList();
        var nts = rule == ContiguityRule.Queen
            ? ContiguityBuilder.Queen(geometries, islandPolicy: IslandPolicy.ZeroLag)
            : ContiguityBuilder.Rook(geometries, islandPolicy: IslandPolicy.ZeroLag);

        await using var source = new NpgsqlDataSourceBuilder(fx.ConnectionString).UseNetTopologySuite().Build();
        var postgis = await new ContiguityQuery(source).NeighboursAsync(units.Select(u => u.Id).ToList(), rule);

        var links = 0;
        for (var i = 0; i < units.Count; i++)
        {
            Assert.Equal(nts.Neighbours(i).ToArray().Order(), postgis[i]);
            links += postgis[i].Length;
        }
        // Real adjacency, not two empty answers agreeing: on average a commune has several neighbours.
        Assert.True(links / (double)units.Count > (rule == ContiguityRule.Queen ? 3 : 2), $"{links} links");
    }
}
