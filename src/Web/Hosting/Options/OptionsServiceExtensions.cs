using DiaBan.Geo.Hosting;
using DiaBan.Web.Auth;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Hosting.Options;

public static class OptionsServiceExtensions
{
    /// <summary>Binds and validates (at start-up: a bad value stops the app with its key named) the app's option sections.</summary>
    public static IServiceCollection AddDiaBanOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiaBanOptions>().BindConfiguration(DiaBanOptions.Section)
            .Configure(o => o.Urls = DiaBanOptions.ListenUrls(configuration))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MapOptions>().BindConfiguration(MapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<GridOptions>().BindConfiguration(GridOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<CellModelHostOptions>().BindConfiguration(CellModelHostOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ShiftOptions>().BindConfiguration(ShiftOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TransitionOptions>().BindConfiguration(TransitionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DiaBan.Reports.ReportPdfOptions>().BindConfiguration(DiaBan.Reports.ReportPdfOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RecognitionOptions>().BindConfiguration(RecognitionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new DemoMode(sp.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled
            ?? ConfiguredConnectionString(sp.GetRequiredService<IConfiguration>()) is null));
        return services;
    }

    private static string? ConfiguredConnectionString(IConfiguration configuration) =>
        DatabaseSetup.ConfiguredConnectionString(configuration.GetConnectionString(DatabaseSetup.ConnectionStringName));
}
