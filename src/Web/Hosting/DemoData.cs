using DiaBan.Geo.Data;
using DiaBan.Demo.Province;
using DiaBan.Geo.Services;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Web.Hosting;

/// <summary>Seeds Geo's generated demo province (2019–2026, classified) into an empty database, once.</summary>
public static class DemoData
{
    /// <summary>
    /// Seeds through <paramref name="db"/> (the app role) and builds the patrol grid through <paramref name="owner"/>
    /// (the owner role: the build drops and re-creates grid_cell's indexes and foreign key, which only the table's owner may).
    /// </summary>
    public static async Task EnsureSeededAsync(DiaBanDb db, DiaBanDb owner, ILogger logger, int gridSizeM, CancellationToken ct = default)
    {
        var seeder = new DemoSeeder(db, message => logger.LogInformation("demo: {Message}", message));
        if (await seeder.HasDataAsync(ct))
        {
            await EnsureGridAsync(owner, logger, gridSizeM, ct);
            return;
        }
        logger.LogInformation("demo: empty database, seeding the demo province");
        var result = await seeder.SeedAsync(DemoProvinceGenerator.Generate(), ct: ct);
        logger.LogInformation("demo: {Units} units, {Incidents} incidents, {Years} years classified",
            result.Units, result.Incidents, result.Years.Count);
        await EnsureGridAsync(owner, logger, gridSizeM, ct);
    }

    // the patrol sheet needs the grid of the configured size; a demo database seeded before the grid existed gets it once
    private static async Task EnsureGridAsync(DiaBanDb db, ILogger logger, int sizeM, CancellationToken ct)
    {
        if (await db.GridCells.AnyAsync(c => c.SizeM == sizeM, ct)) return;
        // a national demo database: millions of squares at start-up would block the app; `diaban grid build` does it on demand
        if (await db.AdminUnits.Select(u => u.ParentId).Distinct().CountAsync(ct) > 2) return;
        var grid = await new GridBuilder(db).BuildAsync(sizeM, ct);
        logger.LogInformation("demo: grid {Size} m, {Cells} cells in {Seconds:0.0} s", grid.SizeM, grid.Cells, grid.Elapsed.TotalSeconds);
    }
}
