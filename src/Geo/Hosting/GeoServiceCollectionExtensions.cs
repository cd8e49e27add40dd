using DiaBan.Geo.Data;
using DiaBan.Geo.Import;
using DiaBan.Geo.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DiaBan.Geo.Hosting;

public static class GeoServiceCollectionExtensions
{
    /// <summary>
    /// Registers DiaBanDb (scoped, and IDbContextFactory&lt;DiaBanDb&gt;) on the configured database
    /// (`ConnectionStrings:DiaBan`, env DIABAN_DB, as the app role; `ConnectionStrings:DiaBanOwner`, env DIABAN_DB_OWNER,
    /// for migrations) or the embedded cluster under `DiaBan:Home`/.diaban/pg, plus the
    /// importers, the year classifier and the rule set store (scoped, each on the scope's DiaBanDb).
    /// </summary>
    public static IServiceCollection AddDiaBanGeo(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => new DiaBanDatabase(configuration.GetConnectionString(DatabaseSetup.ConnectionStringName),
            configuration["DiaBan:Home"], configuration.GetConnectionString(DatabaseSetup.OwnerConnectionStringName),
            sp.GetService<ILoggerFactory>()?.CreateLogger("DiaBan.Database")));
        services.AddDbContextFactory<DiaBanDb>((sp, o) =>
            DiaBanDb.Configure(o, sp.GetRequiredService<DiaBanDatabase>().ConnectionString));
        services.AddScoped<BoundaryImporter>();
        services.AddScoped<LineageImporter>();
        services.AddScoped<IncidentImporter>();
        services.AddScoped<IndicatorImporter>();
        services.AddScoped<BusinessImporter>();
        services.AddScoped<RouteImporter>();
        services.AddScoped<TargetImporter>();
        services.AddScoped<RuleSetStore>();
        services.AddScoped<FigureAssembler>();
        services.AddScoped<YearClassifier>();
        services.AddScoped<OfficialStatusRecorder>();
        return services;
    }

    /// <summary>Starts the embedded cluster if needed and applies migrations; await it once at startup.</summary>
    public static Task<string> PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct = default) =>
        services.GetRequiredService<DiaBanDatabase>().PrepareAsync(ct);
}
