using System.Collections.Concurrent;
using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace DiaBan.Analytics.Tests.Spatial;

/// <summary>
/// The R spdep reference files (tests/reference/*.json, written by spdep_reference.R) and the layers they were computed
/// on, each loaded once per test run.
/// </summary>
public static class Reference
{
    private static readonly ConcurrentDictionary<string, JsonElement> Json = new();
    private static readonly ConcurrentDictionary<string, IReadOnlyList<IFeature>> Layers = new();

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "reference");

    public static JsonElement Load(string name) => Json.GetOrAdd(name, n =>
    {
        var path = Path.Combine(Folder, n + ".json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    });

    /// <summary>columbus, sids: exported next to the JSON; ca_mau: the shared Vietnamese file.</summary>
    public static IReadOnlyList<IFeature> Features(string layer) => Layers.GetOrAdd(layer, l => ReadGeoJson(l == "ca_mau"
        ? SharedData.VnFile("communes_pre2025_ca_mau.geojson")
        : Path.Combine(Folder, l + ".geojson")));

    public static IReadOnlyList<Geometry> Geometries(string layer) => Features(layer).Select(f => f.Geometry).ToArray();

    public static IReadOnlyList<IFeature> ReadGeoJson(string path)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<FeatureCollection>(stream, options)
            ?? throw new InvalidDataException($"{path} is not a GeoJSON FeatureCollection.");
    }

    public static double[] Doubles(this JsonElement e) =>
        e.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();

    public static int[][] NeighbourLists(this JsonElement e) =>
        e.EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();

    public static double[][] Matrix(this JsonElement e) => e.EnumerateArray().Select(Doubles).ToArray();

    public static double Number(this JsonElement e, string property) => e.GetProperty(property).GetDouble();

    public static string[] Strings(this JsonElement e) => e.EnumerateArray().Select(v => v.GetString() ?? "").ToArray();
}
