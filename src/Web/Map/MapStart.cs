namespace DiaBan.Web.Map;

/// <summary>
/// What the map page decided for its first view when it was prerendered, for an area drawn from vector tiles: the year,
/// the tile template (with the data version), the style and whether the tiles draw districts. The prerendered HTML hands it to js/mapStart.js (the map
/// starts before the Blazor circuit is up), and the circuit's render gets it back as persisted component state, so it
/// keeps the started map on the page while its own queries run.
/// </summary>
public sealed record MapStart(int Year, string TileUrl, StatusTileStyle TileStyle, bool HasDistricts);
