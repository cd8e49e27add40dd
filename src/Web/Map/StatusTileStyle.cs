namespace DiaBan.Web.Map;

/// <summary>
/// How diabanMap.js draws the status layer from vector tiles (createStatusTiles): fill by status code ("" = not
/// assessed), status labels, tooltip templates ({name}, {status}, {mark}; provinces: {assessed}, {total}), the display
/// zoom from which communes replace provinces, and the bounds [west, south, east, north] to fit once. Kind "statistics":
/// the tiles of a statistics layer (layers 'statistics' and 'density'), filled by their legend key; tooltip {name}, {label}.
/// DistrictTooltip: the pre-2025 districts of the middle zooms ({name}, {province}, {assessed}, {total}, {status} and
/// {shares}: each status's count and share of the assessed communes, written by the script).
/// </summary>
public sealed record StatusTileStyle(
    IReadOnlyDictionary<string, string> Fills,
    IReadOnlyDictionary<string, string> Labels,
    string CommuneTooltip,
    string ProvinceTooltip,
    int CommunesFromZoom,
    double[]? Bounds,
    string Kind = "status",
    string DistrictTooltip = "");
