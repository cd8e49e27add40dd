using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DiaBan.Geo.Hosting;

public static class GeoServiceCollectionExtensions
{
    /// <summary>
    /// Registers DiaBanDb (scoped, and IDbContextFactory&lt;DiaBanDb&gt;) on the configured database
    /// (`ConnectionStrings:DiaBan`, env DIABAN_DB) or the embedded cluster under `DiaBan:Home`/.diaban/pg.
    /// </summary>
    public static IServiceCollection AddDiaBanGeo(this IServiceCollection services, IConfiguration configuration)
    {
        var database = new DiaBanDatabase(configuration.GetConnectionString(DatabaseSetup.ConnectionStringName),
            configuration["DiaBan:Home"]);
        services.AddSingleton(database);
        services.AddDbContextFactory<DiaBanDb>((sp, o) =>
            DiaBanDb.Configure(o, sp.GetRequiredService<DiaBanDatabase>().ConnectionString));
        return services;
    }

    /// <summary>Starts the embedded cluster if needed and applies migrations; await it once at startup.</summary>
    public static Task<string> PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default) =>
        services.GetRequiredService<DiaBanDatabase>().PrepareAsync(ct);
}
