using DiaBan.Web.Hosting.Jobs;
using DiaBan.Web.Hosting.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DiaBan.Web.Hosting;

public static class TelemetryServiceExtensions
{
    /// <summary>
    /// OpenTelemetry traces and metrics of ASP.NET Core, HttpClient, EF Core, Npgsql and the background jobs, when
    /// OpenTelemetry:Enabled; exported to the console or an OTLP collector (OpenTelemetry:Exporter, :OtlpEndpoint).
    /// </summary>
    public static IServiceCollection AddDiaBanTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Enabled) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddEntityFrameworkCoreInstrumentation()
                    .AddNpgsql().AddSource(JobRunner.TelemetryName);
                if (options.Exporter == TelemetryExporter.Otlp) tracing.AddOtlpExporter(o => o.Endpoint = options.OtlpEndpoint!);
                else tracing.AddConsoleExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsqlInstrumentation()
                    .AddMeter(JobRunner.TelemetryName);
                if (options.Exporter == TelemetryExporter.Otlp) metrics.AddOtlpExporter(o => o.Endpoint = options.OtlpEndpoint!);
                else metrics.AddConsoleExporter();
            });
        return services;
    }
}
