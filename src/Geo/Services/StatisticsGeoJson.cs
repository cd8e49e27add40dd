using System.Text.Json;
using DiaBan.Analytics.Statistics;
using DiaBan.Analytics.Statistics.Runs;
using DiaBan.Geo.Queries;

namespace DiaBan.Geo.Services;

/// <summary>
/// The GeoJSON of the map statistics (API and map page draw the same document): commune layers go through
/// <see cref="StatisticsLayers.FeatureCollectionAsync"/>, which keeps only the communes in the caller's area; the density
/// grid is built here from cells already limited to that area. Undefined numbers (no neighbours) are null.
/// </summary>
public sealed class StatisticsGeoJson(StatisticsLayers layers)
{
    public Task<string> LocalAsync(LocalLayerResult result, AreaScope scope, CancellationToken ct = default) =>
        layers.FeatureCollectionAsync(result.Units.Select(u => (u.Unit.Id, (object)LocalProperties(result, u))), scope, ct);

    public Task<string> EmergingAsync(EmergingLayerResult result, AreaScope scope, CancellationToken ct = default) =>
        layers.FeatureCollectionAsync(result.Units.Select(u => (u.Unit.Id, (object)EmergingProperties(result, u))), scope, ct);

    public static Dictionary<string, object?> LocalProperties(LocalLayerResult layer, UnitLocalResult u)
    {
        var lisa = layer.Statistic == LocalStatistic.LocalMoran;
        var row = u.Row;
        return new Dictionary<string, object?>
        {
            ["code"] = u.Unit.Code,
            ["name"] = u.Unit.Name,
            ["statistic"] = StatisticCode(layer.Statistic),
            ["indicator"] = layer.Indicator,
            ["year"] = layer.Year,
            ["measure"] = layer.Measure.Code(),
            ["value"] = Number(u.Value),
            ["analysed"] = row is not null && double.IsFinite(row.Z),
            ["neighbours"] = row?.Neighbours,
            [lisa ? "i" : "g"] = Number(row?.Statistic),
            ["z"] = Number(row?.Z),
            ["p"] = Number(row?.P),
            [lisa ? "cluster" : "bin"] = row?.Code ?? 0,
            ["label"] = row?.Label ?? "Không có số liệu",
            ["fdr"] = layer.Fdr,
        };
    }

    public static Dictionary<string, object?> EmergingProperties(EmergingLayerResult layer, UnitEmergingResult u)
    {
        var location = u.Location;
        var final = location.Bins[^1];
        return new Dictionary<string, object?>
        {
            ["code"] = u.Unit.Code,
            ["name"] = u.Unit.Name,
            ["from"] = layer.From.ToString(),
            ["to"] = layer.To.ToString(),
            ["measure"] = layer.Options.Measure.Code(),
            ["category"] = (int)location.Category,
            ["categoryName"] = location.Category.ToString(),
            ["label"] = location.Category.Vietnamese(),
            ["trendZ"] = Number(location.Trend.Z),
            ["trendP"] = Number(location.Trend.P),
            ["hotQuarters"] = location.HotSteps,
            ["coldQuarters"] = location.ColdSteps,
            ["quarters"] = location.Bins.Count,
            ["finalZ"] = Number(final.Z),
            ["finalP"] = Number(final.P),
            ["finalBin"] = final.Bin,
        };
    }

    /// <summary>The density cells as an RFC 7946 FeatureCollection (lon/lat rounded like the other layers).</summary>
    public static string Density(DensityLayerResult result)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            foreach (var cell in result.Cells)
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WriteString("id", $"cell-{cell.Column}-{cell.Row}");
                json.WriteStartObject("geometry");
                json.WriteString("type", "Polygon");
                json.WriteStartArray("coordinates");
                json.WriteStartArray();
                foreach (var c in cell.LonLat.ExteriorRing.Coordinates)
                {
                    json.WriteStartArray();
                    json.WriteNumberValue(Math.Round(c.X, GeoJson.CoordinateDecimals));
                    json.WriteNumberValue(Math.Round(c.Y, GeoJson.CoordinateDecimals));
                    json.WriteEndArray();
                }
                json.WriteEndArray();
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteStartObject("properties");
                json.WriteString("code", $"cell-{cell.Column}-{cell.Row}");
                json.WriteNumber("density", Math.Round(cell.DensityPerKm2, 4));
                json.WriteNumber("expected", Math.Round(cell.Expected, 4));
                json.WriteNumber("share", Math.Round(cell.ShareOfMaximum, 4));
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("density");
            json.WriteString("from", result.From.ToString());
            json.WriteString("to", result.To.ToString());
            json.WriteNumber("incidents", result.Points);
            json.WriteNumber("searchRadiusMetres", Math.Round(result.SearchRadiusMetres, 1));
            json.WriteNumber("cellSizeMetres", Math.Round(result.CellSizeMetres, 1));
            json.WriteNumber("maximumPerKm2", Math.Round(result.MaximumPerKm2, 4));
            json.WriteString("unit", "incidents per km²");
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string StatisticCode(LocalStatistic statistic) => statistic switch
    {
        LocalStatistic.GiStar => "gistar",
        LocalStatistic.Gi => "gi",
        _ => "localmoran",
    };

    private static double? Number(double? v) => v is { } d && double.IsFinite(d) ? d : null;
}
