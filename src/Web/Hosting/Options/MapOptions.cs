using System.ComponentModel.DataAnnotations;

namespace DiaBan.Web.Hosting.Options;

/// <summary>Section "Map": the background tile layer of every map (none when TileUrl is empty: the app works offline),
/// and when and how the status layer comes as vector tiles.</summary>
public sealed class MapOptions : IValidatableObject
{
    public const string Section = "Map";

    /// <summary>A Leaflet tile template such as https://tile.openstreetmap.org/{z}/{x}/{y}.png, or empty for no tiles.</summary>
    public string TileUrl { get; set; } = "";

    /// <summary>The attribution the tile provider requires (shown in the map corner).</summary>
    [MaxLength(500)]
    public string TileAttribution { get; set; } = "";

    /// <summary>From this many communes on the map the status layer is drawn from vector tiles (/tiles) instead of one
    /// GeoJSON document: a province stays GeoJSON (SVG, every commune an element), the country is tiles on canvas.</summary>
    [Range(1, 1_000_000)]
    public int VectorTilesFromUnits { get; set; } = 1500;

    /// <summary>Memory the in-process vector tile cache may hold, in MiB (entries are keyed by the data version, so a
    /// change of data makes old entries unreachable; they age out as the limit is reached).</summary>
    [Range(1, 4096)]
    public int TileCacheMegabytes { get; set; } = 64;

    /// <summary>Build the status tiles of the map's first view in the background (<see cref="Api.TileWarmer"/>) at start-up
    /// and after every data change, so the first user after either does not wait for them.</summary>
    public bool WarmTiles { get; set; } = true;

    /// <summary>Deepest data zoom the warm-up builds (from 3; data tiles are one zoom below the display): 5 covers the
    /// national view fitted on screens from a phone to a large monitor (display zooms 4–6).</summary>
    [Range(3, 7)]
    public int WarmMaxDataZoom { get; set; } = 5;

    /// <summary>How often the warm-up reads the data version (one single-row query) to notice a change.</summary>
    [Range(1, 3600)]
    public int WarmCheckSeconds { get; set; } = 5;

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
