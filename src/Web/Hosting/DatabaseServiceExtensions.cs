using DiaBan.Geo.Hosting;
using DiaBan.Geo.Queries;
using DiaBan.Web.Auth;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace DiaBan.Web.Hosting;

public static class DatabaseServiceExtensions
{
    /// <summary>
    /// Geo's database registration (DiaBanDb on the configured or embedded database), plus a pooled data source for the
    /// read-side queries (thread-safe, so Blazor circuits can share it) and the queries themselves.
    /// </summary>
    public static IServiceCollection AddDiaBanDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDiaBanGeo(configuration);
        services.AddSingleton(sp => WarmConnections.DataSource(sp.GetRequiredService<DiaBanDatabase>().ConnectionString));
        services.AddSingleton<UnitQueries>();
        services.AddSingleton<StatusQueries>();
        // the tile statements' own few warm backends, most recently used first (TileConnections: issue 12.2)
        services.AddSingleton(sp => new TileConnections(
            WarmConnections.TileDataSource(sp.GetRequiredService<DiaBanDatabase>().ConnectionString), TileConnections.DefaultSize));
        services.AddSingleton<TileQueries>();
        services.AddSingleton<DiaBan.Web.Api.TileCache>();
        services.AddSingleton<DiaBan.Web.Api.TileWarmer>();
        services.AddHostedService(sp => sp.GetRequiredService<DiaBan.Web.Api.TileWarmer>());
        // the national map's first view without first-user costs (issue 12.2): its status view kept per data version,
        // warmed with the sign-in pages after start-up
        services.AddSingleton<DiaBan.Web.Map.StatusViewCache>();
        services.AddSingleton<MapStartWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<MapStartWarmUp>());
        services.AddSingleton<DiaBan.Web.Api.StatisticsTiles>();
        services.AddSingleton<CompletenessQueries>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<TargetQueries>();
        services.AddSingleton<TransitionQueries>();
        services.AddSingleton<OfficialStatusQueries>();
        services.AddScoped<ReportQueries>();
        services.AddScoped<DiaBan.Geo.Services.PlanTargetStore>();
        services.AddScoped<DiaBan.Geo.Services.FigureEntryStore>();
        services.AddScoped<RecognitionQueries>();
        services.AddScoped<DiaBan.Geo.Services.RecognitionStore>();
        services.AddScoped<IncidentEntryQueries>();
        services.AddScoped<DiaBan.Geo.Services.IncidentEntryStore>();
        services.AddScoped<DiaBan.Geo.Services.SpotStore>();
        services.AddScoped<SpotQueries>();
        services.AddScoped<DiaBan.Geo.Services.TipStore>();
        services.AddScoped<TipQueries>();
        services.AddSingleton<StatisticsLayers>();
        services.AddSingleton<MapPointQueries>();
        services.AddScoped<DiaBan.Geo.Services.InspectionStore>();
        services.AddSingleton<DiaBan.Geo.Services.HotSpotService>();
        services.AddSingleton<DiaBan.Geo.Services.StatisticsGeoJson>();
        // the patrol sheet of grid cells: the loader, the fallback scorer (the recent-count baseline while no cell model is trained)
        services.AddSingleton<PlaceQueries>();
        services.AddSingleton<TimeOfWeekQueries>();
        services.TryAddSingleton<DiaBan.Analytics.Places.ICellScorer>(new DiaBan.Analytics.Places.RecentCountScorer());
        services.AddScoped<DiaBan.Web.Places.PatrolSheetService>();
        // the cell model per province, trained in the background on the whole province (CellModel section; off in tests)
        services.AddSingleton<DiaBan.Web.Places.CellModelRegistry>();
        services.AddSingleton<DiaBan.Web.Places.CellScoreCache>();
        services.AddSingleton<DiaBan.Web.Places.CellModelTrainer>();
        services.AddHostedService(sp => sp.GetRequiredService<DiaBan.Web.Places.CellModelTrainer>());
        services.AddScoped<DiaBan.Geo.Services.CellExposureRecorder>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddExceptionHandler<DatabaseOutageHandler>(); // 503 + Retry-After while the database is down
        return services;
    }
}
