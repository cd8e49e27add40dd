using System.Text.Json;

namespace DiaBan.Web.Tests.Api;

/// <summary>Checks of the RFC 7946 shape the API promises: a FeatureCollection of polygons, coordinates rounded.</summary>
internal static class GeoJsonAssert
{
    public static async Task<JsonDocument> ReadFeatureCollectionAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
        Assert.False(doc.RootElement.TryGetProperty("crs", out _), "RFC 7946 has no crs member");
        return doc;
    }

    public static IReadOnlyList<JsonElement> Features(JsonDocument doc) =>
        doc.RootElement.GetProperty("features").EnumerateArray().ToList();

    public static List<string> Codes(JsonDocument doc) =>
        Features(doc).Select(f => f.GetProperty("properties").GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToList();

    /// <summary>Polygon or MultiPolygon, WGS 84 ranges, at most 5 decimals per coordinate.</summary>
    public static void IsDisplayPolygon(JsonElement feature)
    {
        Assert.Equal("Feature", feature.GetProperty("type").GetString());
        var geometry = feature.GetProperty("geometry");
        Assert.Contains(geometry.GetProperty("type").GetString(), new[] { "Polygon", "MultiPolygon" });
        foreach (var number in Numbers(geometry.GetProperty("coordinates")))
        {
            var text = number.GetRawText();
            var decimals = text.Contains('.') ? text.Length - text.IndexOf('.') - 1 : 0;
            Assert.True(decimals <= 5, $"coordinate {text} has more than 5 decimals");
            Assert.InRange(number.GetDouble(), -180, 180);
        }
    }

    private static IEnumerable<JsonElement> Numbers(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Number)
        {
            yield return e;
            yield break;
        }
        foreach (var child in e.EnumerateArray())
        {
            foreach (var n in Numbers(child))
            {
                yield return n;
            }
        }
    }
}
