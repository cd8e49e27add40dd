using DiaBan.Geo.Hosting;
using DiaBan.Geo.Services;
using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Web.Hosting;

/// <summary>Runs once before the app serves: find or start the database, migrate both contexts, create roles, store the embedded rule sets, seed the demo.</summary>
public static class DatabaseStartup
{
    public static async Task PrepareDiaBanDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        await app.Services.PrepareDatabaseAsync(ct);
        await MigrateIdentityAsOwnerAsync(app.Services.GetRequiredService<DiaBanDatabase>(), ct);

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await AuthRoles.EnsureAsync(services.GetRequiredService<RoleManager<IdentityRole>>());
        // seed data is written here (or by the CLI), never by a request
        var added = await services.GetRequiredService<RuleSetStore>().EnsureSeededAsync(ct);
        if (added > 0) app.Logger.LogInformation("rule sets: stored {Count} embedded versions", added);
        var demo = services.GetRequiredService<DemoMode>();
        if (demo.Enabled)
        {
            // the grid build drops and rebuilds grid_cell's indexes and foreign key: DDL, so as the owner (the app role may not)
            await using var owner = Geo.Data.DiaBanDb.Create(services.GetRequiredService<DiaBanDatabase>().OwnerConnectionString);
            await DemoData.EnsureSeededAsync(services.GetRequiredService<Geo.Data.DiaBanDb>(), owner, app.Logger,
                services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Options.GridOptions>>().Value.CellSizeM, ct);
        }
        demo.AccountsActive = await DemoAccounts.SyncAsync(services.GetRequiredService<UserManager<DiaBanUser>>(),
            services.GetRequiredService<Geo.Data.DiaBanDb>(), demo.Enabled, ct);
        await WarmConnections.FillAsync(app.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), ct);
        var tiles = app.Services.GetRequiredService<DiaBan.Geo.Queries.TileConnections>();
        await tiles.FillAsync(tiles.Size, ct);
    }

    // the owner role creates Identity's tables; the app role then gets its grants on them
    private static async Task MigrateIdentityAsOwnerAsync(DiaBanDatabase database, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<AuthDb>();
        AuthDb.ConfigureNpgsql(options, database.OwnerConnectionString);
        await using (var auth = new AuthDb(options.Options)) await auth.Database.MigrateAsync(ct);
        await database.GrantAppAsync(ct);
    }
}
