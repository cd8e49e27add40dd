using System.ComponentModel.DataAnnotations;

namespace DiaBan.Web.Hosting.Options;

/// <summary>Section "DiaBan": where the app listens (DIABAN_URLS wins) and where the embedded cluster lives.</summary>
public sealed class DiaBanOptions : IValidatableObject
{
    public const string Section = "DiaBan";
    public const string UrlsKey = "DIABAN_URLS";
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Semicolon-separated listen URLs.</summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>The folder holding `.diaban/` (embedded PostgreSQL); empty = DIABAN_HOME or the repository root.</summary>
    public string? Home { get; set; }

    /// <summary>The listen URLs, read before the host is built (Kestrel needs them then): DIABAN_URLS, else DiaBan:Urls, else the default.</summary>
    public static string ListenUrls(IConfiguration configuration) =>
        configuration[UrlsKey] ?? configuration[$"{Section}:{nameof(Urls)}"] ?? DefaultUrls;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var url in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                yield return new ValidationResult($"{UrlsKey} / DiaBan:Urls: '{url}' is not an http(s) URL like {DefaultUrls}", [nameof(Urls)]);
        }
    }
}
