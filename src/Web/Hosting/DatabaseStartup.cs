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

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await services.GetRequiredService<AuthDb>().Database.MigrateAsync(ct);
        await AuthRoles.EnsureAsync(services.GetRequiredService<RoleManager<IdentityRole>>());
        var demo = services.GetRequiredService<DemoMode>();
        if (demo.Enabled)
        {
            await DemoData.EnsureSeededAsync(services.GetRequiredService<Geo.Data.DiaBanDb>(), app.Logger, ct);
        }
        demo.AccountsActive = await DemoAccounts.SyncAsync(services.GetRequiredService<UserManager<DiaBanUser>>(),
            services.GetRequiredService<Geo.Data.DiaBanDb>(), demo.Enabled, ct);
    }

    private static string? ConfiguredConnectionString(IConfiguration configuration) =>
        DatabaseSetup.ConfiguredConnectionString(configuration.GetConnectionString(DatabaseSetup.ConnectionStringName));
}
