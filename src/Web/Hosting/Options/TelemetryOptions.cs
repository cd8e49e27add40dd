using System.ComponentModel.DataAnnotations;

namespace DiaBan.Web.Hosting.Options;

public enum TelemetryExporter { Console, Otlp }

/// <summary>Section "OpenTelemetry": traces and metrics (ASP.NET Core, HttpClient, EF Core, Npgsql, background jobs), off by default.</summary>
public sealed class TelemetryOptions : IValidatableObject
{
    public const string Section = "OpenTelemetry";

    public bool Enabled { get; set; }

    /// <summary>console (to stdout, for a quick look) or otlp (a collector at <see cref="OtlpEndpoint"/>).</summary>
    public TelemetryExporter Exporter { get; set; } = TelemetryExporter.Console;

    /// <summary>The OTLP collector, e.g. http://127.0.0.1:4317; required with Exporter otlp.</summary>
    public Uri? OtlpEndpoint { get; set; }

    [Required, MaxLength(100)]
    public string ServiceName { get; set; } = "diaban-web";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && Exporter == TelemetryExporter.Otlp && OtlpEndpoint is not { IsAbsoluteUri: true })
            yield return new ValidationResult("OpenTelemetry:OtlpEndpoint (an absolute URL such as http://127.0.0.1:4317) is required with Exporter otlp",
                [nameof(OtlpEndpoint)]);
    }
}
