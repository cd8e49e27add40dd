using DiaBan.Geo.Import;
using DiaBan.Geo.Tests.Infrastructure;
using NetTopologySuite.IO;
using Npgsql;

namespace DiaBan.Geo.Tests.Import;

/// <summary>
/// The commune grid stored in <c>commune_grid</c> (so an incident import does not rebuild it): read back it answers
/// every point as the polygon tests do, and a changed boundary gives another key, so a stale grid is never read.
/// </summary>
public class CommuneGridStoreTests(CommuneGridStoreTests.Fixture fx) : IClassFixture<CommuneGridStoreTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var conn = new NpgsqlConnection(ConnectionString);
            await conn.OpenAsync();
            var wkb = new WKBWriter();
            // the grid tests' communes (holes, an overlap, tiny communes, a boundary change), in their id order
            foreach (var (_, from, to, area) in CommuneGridTests.Communes().OrderBy(c => c.Id))
            {
                await using var cmd = new NpgsqlCommand("""
                    INSERT INTO admin_unit (code, name, level, kind, valid_from, valid_to, geom)
                    VALUES ('c' || nextval('admin_unit_id_seq'), 'xã', 'commune', 'xa', @from, @to, ST_Multi(ST_GeomFromWKB(@wkb, 4326)))
                    """, conn);
                cmd.Parameters.AddWithValue("from", from);
                cmd.Parameters.AddWithValue("to", to is { } d ? d : DBNull.Value);
                cmd.Parameters.AddWithValue("wkb", wkb.Write(area));
                await cmd.ExecuteNonQueryAsync();
            }
        }
    }

    [Fact]
    public async Task A_stored_grid_is_read_back_answers_as_the_polygons_and_a_changed_boundary_builds_a_new_one()
    {
        await using var conn = new NpgsqlConnection(fx.ConnectionString);
        await conn.OpenAsync();
        Assert.Equal("built and stored", await CommuneLocator.StoreGridAsync(conn, default));
        Assert.Equal("read back", await CommuneLocator.StoreGridAsync(conn, default));
        var stored = await CommuneLocator.LoadAsync(conn, null, default, storedGrid: true);
        Assert.Equal("read back", stored.GridSource);
        AssertSameAsPolygons(stored);

        // one boundary moves by 1 m: another key, the grid is built again and answers for the new boundary
        await using (var move = new NpgsqlCommand("UPDATE admin_unit SET geom = ST_Translate(geom, 0.00001, 0) WHERE id = (SELECT max(id) FROM admin_unit)", conn))
            Assert.Equal(1, await move.ExecuteNonQueryAsync());
        var moved = await CommuneLocator.LoadAsync(conn, null, default, storedGrid: true);
        Assert.Equal("built and stored", moved.GridSource);
        AssertSameAsPolygons(moved);
        Assert.Equal(2L, await fx.ScalarAsync<long>("SELECT count(*) FROM commune_grid"));
        // a province's communes are another set (none here: an empty grid of its own)
        Assert.Equal("built and stored", (await CommuneLocator.LoadAsync(conn, "99", default, storedGrid: true)).GridSource);
    }

    private static void AssertSameAsPolygons(CommuneLocator locator)
    {
        var differing = new List<string>();
        var located = 0;
        foreach (var p in CommuneGridTests.Points(CommuneGridTests.Communes()))
            foreach (var on in new[] { CommuneGridTests.Dates[0], CommuneGridTests.Dates[^1] })
            {
                var expected = locator.LocateByTree(p.X, p.Y, on);
                if (expected is not null) located++;
                if (expected != locator.Locate(p.X, p.Y, on) && differing.Count < 20) differing.Add($"({p.X:R}, {p.Y:R}) on {on}");
            }
        Assert.Empty(differing);
        Assert.True(located > 100_000, $"{located} points located");
    }
}
