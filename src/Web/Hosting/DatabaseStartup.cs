using DiaBan.Geo.Hosting;
using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Web.Hosting;

/// <summary>Runs once before the app serves: find or start the database, migrate both contexts, create roles, seed the demo.</summary>
public static class DatabaseStartup
{
    /// <summary>Demo mode: Demo:Enabled when set, otherwise on exactly when the embedded default database is used.</summary>
    public static bool IsDemo(IConfiguration configuration) =>
        configuration.GetValue<bool?>("Demo:Enabled") ?? ConfiguredConnectionString(configuration) is null;

    public static async Task PrepareDiaBanDatabaseAsync(this WebApplication app, CancellationToken ct = default)
    {
        await app.Services.PrepareDatabaseAsync(ct);
        await MigrateIdentityAsOwnerAsync(app.Services.GetRequiredService<DiaBanDatabase>(), ct);

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await AuthRoles.EnsureAsync(services.GetRequiredService<RoleManager<IdentityRole>>());
        if (services.GetRequiredService<DemoMode>().Enabled)
        {
            await DemoData.EnsureSeededAsync(services.GetRequiredService<Geo.Data.DiaBanDb>(), app.Logger, ct);
            await DemoAccounts.EnsureAsync(services.GetRequiredService<UserManager<DiaBanUser>>(), services.GetRequiredService<Geo.Data.DiaBanDb>(), ct);
        }
    }

    // the owner role creates Identity's tables; the app role then gets its grants on them
    private static async Task MigrateIdentityAsOwnerAsync(DiaBanDatabase database, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<AuthDb>();
        AuthDb.ConfigureNpgsql(options, database.OwnerConnectionString);
        await using (var auth = new AuthDb(options.Options)) await auth.Database.MigrateAsync(ct);
        await database.GrantAppAsync(ct);
    }

    private static string? ConfiguredConnectionString(IConfiguration configuration) =>
        DatabaseSetup.ConfiguredConnectionString(configuration.GetConnectionString(DatabaseSetup.ConnectionStringName));
}
