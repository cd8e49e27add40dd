using System.ComponentModel.DataAnnotations;

namespace DiaBan.Web.Hosting.Options;

/// <summary>Section "Map": the background tile layer of every map (none when TileUrl is empty: the app works offline).</summary>
public sealed class MapOptions : IValidatableObject
{
    public const string Section = "Map";

    /// <summary>A Leaflet tile template such as https://tile.openstreetmap.org/{z}/{x}/{y}.png, or empty for no tiles.</summary>
    public string TileUrl { get; set; } = "";

    /// <summary>The attribution the tile provider requires (shown in the map corner).</summary>
    [MaxLength(500)]
    public string TileAttribution { get; set; } = "";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TileUrl.Length == 0) yield break;
        // {s} subdomains make the template no absolute URI until filled in
        var filled = TileUrl.Replace("{s}", "a").Replace("{z}", "0").Replace("{x}", "0").Replace("{y}", "0").Replace("{r}", "");
        if (!Uri.TryCreate(filled, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            yield return new ValidationResult($"Map:TileUrl '{TileUrl}' is not an http(s) URL", [nameof(TileUrl)]);
        foreach (var part in new[] { "{z}", "{x}", "{y}" }.Where(p => !TileUrl.Contains(p, StringComparison.Ordinal)))
            yield return new ValidationResult($"Map:TileUrl '{TileUrl}' lacks {part} (a tile template needs {{z}}, {{x}} and {{y}})", [nameof(TileUrl)]);
        if (TileAttribution.Length == 0)
            yield return new ValidationResult("Map:TileAttribution is required with a TileUrl: tile providers require their credit", [nameof(TileAttribution)]);
    }
}
