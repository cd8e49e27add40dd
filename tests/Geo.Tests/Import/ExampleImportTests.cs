using DiaBan.Analytics.Domain;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using DiaBan.Geo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Geo.Tests.Import;

/// <summary>The documented example files import as data/README.md says (three square communes, hand-checkable).</summary>
public class ExampleImportTests(ExampleImportTests.Fixture fx) : IClassFixture<ExampleImportTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public ImportResult Incidents { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = CreateDb();
            await Examples.ImportBoundariesAsync(db);
            Incidents = await new IncidentImporter(db).ImportAsync(Examples.File("incidents.csv"), provinceCode: "96");
            await new IndicatorImporter(db).ImportAsync(Examples.File("indicators.csv"));
            await new BusinessImporter(db).ImportAsync(Examples.File("businesses.csv"));
        }
    }

    [Fact]
    public async Task Communes_get_kind_from_name_parent_and_spheroidal_area()
    {
        await using var db = fx.CreateDb();
        var units = await db.AdminUnits.Where(u => u.Level == UnitLevel.Commune).OrderBy(u => u.Code).ToListAsync();
        Assert.Equal([UnitKind.Phuong, UnitKind.Xa, UnitKind.ThiTran], units.Select(u => u.Kind));
        var province = await db.AdminUnits.SingleAsync(u => u.Level == UnitLevel.Province);
        Assert.All(units, u => Assert.Equal(province.Id, u.ParentId));
        // 0.1° × 0.1° at 9.15°N: 11.06 km (lat) × 10.99 km (lon) ≈ 121.6 km²
        Assert.InRange(units[0].AreaKm2!.Value, 120.5, 122.5);
        Assert.Equal(12000, units[0].Population);
    }

    [Fact]
    public async Task Each_incident_lands_in_the_commune_that_covers_it()
    {
        await using var db = fx.CreateDb();
        var byId = await db.Incidents.Include(i => i.Unit).ToDictionaryAsync(i => i.ExternalId, i => i.Unit!.Code);
        Assert.Equal(8, byId.Count);
        Assert.Equal("32001", byId["VD-2024-001"]);
        Assert.Equal("32002", byId["VD-2024-004"]);
        Assert.Equal("32003", byId["VD-2024-005"]);
        Assert.Equal("32003", byId["VD-2024-006"]);
        // a point on the shared edge (lon 105.10) is covered by both; it is assigned, not lost
        Assert.Contains(byId["VD-2024-008"], new[] { "32001", "32002" });
    }

    [Fact]
    public async Task Csv_quotes_defaults_and_optional_numbers_are_read()
    {
        await using var db = fx.CreateDb();
        var seizure = await db.Incidents.SingleAsync(i => i.ExternalId == "VD-2024-007");
        Assert.Equal("Phòng PC04, \"chuyên án\" số 7", seizure.Source);
        Assert.Equal(1, seizure.Persons); // persons defaults to 1
        var plants = await db.Incidents.SingleAsync(i => i.ExternalId == "VD-2024-005");
        Assert.Equal((IncidentKind.PlantSite, 150, 40.5), (plants.Kind, plants.Plants, plants.AreaM2));
        Assert.All(await db.Incidents.ToListAsync(), i => Assert.Equal(fx.Incidents.Batch, i.ImportBatch));
    }

    [Fact]
    public async Task Indicators_and_businesses_are_attached_to_their_communes()
    {
        await using var db = fx.CreateDb();
        var ind = await db.UnitIndicators.Include(i => i.Unit).SingleAsync(i => i.Unit.Code == "32001" && i.Year == 2024);
        Assert.Equal((12500, 40, 2, 5, KeyRouteMembership.Inter), (ind.PopulationResident, ind.UsersAddictsManaged,
            ind.HarbouringPlacesDetectedInPeriod, ind.OffendersArrested, ind.OnKeyRoute));
        var ba = await db.UnitIndicators.Include(i => i.Unit).SingleAsync(i => i.Unit.Code == "32003");
        Assert.Null(ba.OnKeyRoute);
        var hotel = await db.ConditionalBusinesses.Include(b => b.Unit).SingleAsync(b => b.ExternalId == "KD-003");
        Assert.Equal((BusinessKind.Hotel, "32003"), (hotel.Kind, hotel.Unit!.Code));
    }

    [Fact]
    public async Task Every_import_wrote_one_audit_row_naming_its_file()
    {
        await using var db = fx.CreateDb();
        var imports = await db.AuditEntries.Where(a => a.Action == "import").ToListAsync();
        Assert.Equal(5, imports.Count);
        Assert.Contains(imports, a => a.Entity == "incident" && a.Details.Contains("incidents.csv") && a.Details.Contains("\"inserted\": 8"));
        // bulk imports write one summary row, not one per entity
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == "insert"));
    }

    [Fact]
    public async Task Reimporting_the_same_incidents_is_refused_naming_each_row()
    {
        await using var db = fx.CreateDb();
        var ex = await Assert.ThrowsAsync<ImportException>(() => new IncidentImporter(db).ImportAsync(Examples.File("incidents.csv")));
        Assert.Equal(8, ex.Errors.Count);
        Assert.Equal("incidents.csv:2:id: incident VD-2024-001 was already imported / sự việc đã được nhập", ex.Errors[0].ToString());
    }
}
