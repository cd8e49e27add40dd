using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using DiaBan.Geo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Geo.Tests.Import;

/// <summary>Real boundaries of Cà Mau before and after the 1/7/2025 merger, with the crosswalk between them.</summary>
public class CaMauBoundaryTests(CaMauBoundaryTests.Fixture fx) : IClassFixture<CaMauBoundaryTests.Fixture>
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

    [Fact]
    public async Task Old_and_new_commune_counts_match_the_files()
    {
        Assert.Equal(101, await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE valid_to = '2025-07-01'"));
        Assert.Equal(64, await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE valid_from = '2025-07-01' AND valid_to IS NULL"));
    }

    [Fact]
    public async Task Every_stored_geometry_is_valid_in_postgis()
    {
        Assert.Equal(0, await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE NOT ST_IsValid(geom) OR ST_SRID(geom) <> 4326"));
    }

    [Fact]
    public async Task The_two_old_communes_without_gso_code_keep_their_basemap_id()
    {
        await using var db = fx.CreateDb();
        var fallback = await db.AdminUnits.Where(u => u.Code.Length > 5).OrderBy(u => u.Code).Select(u => u.Name).ToListAsync();
        Assert.Equal(["Phường 4", "Xã Việt Khái"], fallback);
    }

    [Fact]
    public async Task New_units_get_kind_from_full_name_and_area_from_geometry()
    {
        await using var db = fx.CreateDb();
        var u = await db.AdminUnits.SingleAsync(x => x.Code == "31825" && x.ValidFrom == CaMau.Switch);
        Assert.Equal(("Phường Bạc Liêu", UnitKind.Phuong), (u.Name, u.Kind));
        // the new province is about 7,900 km² (old Cà Mau 5,3xx + old Bạc Liêu 2,6xx)
        var total = await fx.ScalarAsync<double>("SELECT sum(area_km2) FROM admin_unit WHERE valid_from = '2025-07-01'");
        Assert.InRange(total, 7000, 8500);
    }

    [Fact]
    public async Task Crosswalk_links_old_cam_mau_communes_and_skips_old_bac_lieu()
    {
        await using var db = fx.CreateDb();
        // 186 crosswalk rows for new Cà Mau; 121 name an old Cà Mau commune present in the old file
        Assert.Equal(121, await db.UnitLineages.CountAsync());
        var import = await db.AuditEntries.SingleAsync(a => a.Entity == "unit_lineage");
        Assert.Contains("\"skipped\": 65", import.Details);
    }

    [Fact]
    public async Task Lineage_shares_are_one_for_whole_merges_and_split_ones_sum_to_at_most_one()
    {
        await using var db = fx.CreateDb();
        var links = await db.UnitLineages.ToListAsync();
        Assert.All(links.Where(l => l.MergeType == MergeType.Full), l => Assert.Equal(1.0, l.AreaShare));
        var partial = links.Where(l => l.MergeType == MergeType.Partial).ToList();
        Assert.NotEmpty(partial);
        Assert.All(partial, l => Assert.InRange(l.AreaShare!.Value, 0.0, 1.0));
        foreach (var g in partial.GroupBy(l => l.OldUnitId))
            Assert.InRange(g.Sum(l => l.AreaShare!.Value), 0.5, 1.0 + 1e-9);
        Assert.All(links, l => Assert.Equal(l.AreaShare, l.PopulationShare));
    }

    [Fact]
    public async Task An_old_communes_interior_point_falls_in_the_new_unit_the_crosswalk_names()
    {
        // data README: for 445 of 447 tested old communes the centroid falls in the named new unit
        var total = await fx.ScalarAsync<long>("SELECT count(*) FROM unit_lineage WHERE merge_type = 'full'");
        var inside = await fx.ScalarAsync<long>("""
            SELECT count(*) FROM unit_lineage l JOIN admin_unit o ON o.id = l.old_unit_id JOIN admin_unit n ON n.id = l.new_unit_id
            WHERE l.merge_type = 'full' AND ST_Covers(n.geom, ST_PointOnSurface(o.geom))
            """);
        Assert.True(total > 50);
        Assert.True(inside == total, $"{inside} of {total} whole-merged old communes fall in their new unit");
    }

    [Fact]
    public async Task An_incident_goes_to_the_old_commune_before_the_merger_and_the_new_one_after()
    {
        // old Phường 2 (32002) went whole into new Phường An Xuyên, which reuses the code 32002: only the date tells them apart
        await using var db = fx.CreateDb();
        var link = await db.UnitLineages.Include(l => l.OldUnit).Include(l => l.NewUnit)
            .SingleAsync(l => l.OldUnit.Code == "32002" && l.MergeType == MergeType.Full);
        var lonLat = await fx.ScalarAsync<string>(
            $"SELECT ST_X(p) || ',' || ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM admin_unit WHERE id = {link.OldUnitId}) q");
        var csv = Path.Combine(Path.GetTempPath(), $"camau_incidents_{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, "id,occurred_on,kind,lon,lat\n" +
            $"CM-1,2025-06-30,arrest,{lonLat}\nCM-2,2025-07-01,arrest,{lonLat}\n");
        try
        {
            await new IncidentImporter(db).ImportAsync(csv);
        }
        finally
        {
            File.Delete(csv);
        }
        var units = await db.Incidents.Where(i => i.ExternalId.StartsWith("CM-")).OrderBy(i => i.ExternalId).Select(i => i.UnitId).ToListAsync();
        Assert.Equal([link.OldUnitId, link.NewUnitId], units);
    }
}
