using DiaBan.Geo.Data;
using DiaBan.Demo.Province;

namespace DiaBan.Web.Hosting;

/// <summary>Seeds Geo's generated demo province (2019–2026, classified) into an empty database, once.</summary>
public static class DemoData
{
    public static async Task EnsureSeededAsync(DiaBanDb db, ILogger logger, CancellationToken ct = default)
    {
        var seeder = new DemoSeeder(db, message => logger.LogInformation("demo: {Message}", message));
        if (await seeder.HasDataAsync(ct))
        {
            return;
        }
        logger.LogInformation("demo: empty database, seeding the demo province");
        var result = await seeder.SeedAsync(DemoProvinceGenerator.Generate(), ct: ct);
        logger.LogInformation("demo: {Units} units, {Incidents} incidents, {Years} years classified",
            result.Units, result.Incidents, result.Years.Count);
    }
}
