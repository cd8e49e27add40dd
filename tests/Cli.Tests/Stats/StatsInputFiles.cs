using System.Text.Json.Nodes;
using DiaBan.Analytics.Spatial;
using DiaBan.Geo.Crs;
using DiaBan.Geo.Import;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;

namespace DiaBan.Cli.Tests.Stats;

/// <summary>
/// Input files made once for the stats tests from the real Cà Mau communes: the GeoJSON with R's synthetic case counts
/// added, the same layer in VN-2000 TM-3 105° (EPSG:5897), and Shapefiles without .prj in metres and in degrees.
/// </summary>
public sealed class StatsInputFiles : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("diaban-stats-").FullName;

    public StatsInputFiles()
    {
        CaMau = SharedData.VnFile("communes_pre2025_ca_mau.geojson");
        var cases = CaMauReference.Numbers("events");
        WithCases = WriteGeoJson("ca_mau_cases.geojson", (feature, i) => feature["properties"]!["cases"] = cases[i], null);
        Vn2000 = WriteGeoJson("ca_mau_vn2000.geojson", (_, _) => { }, 5897);

        var file = FeatureFileReader.Read(CaMau);
        var geometries = file.Features.Select(f => f.Geometry!).ToArray();
        var projection = LocalProjection.Around(geometries);
        PlanarMetres = WriteShapefile("ca_mau_metres.shp", file, g => projection.Project(g));
        PlanarDegrees = WriteShapefile("ca_mau_degrees.shp", file, g => g);
    }

    /// <summary>communes_pre2025_ca_mau.geojson itself (WGS 84).</summary>
    public string CaMau { get; }

    /// <summary>The Cà Mau GeoJSON plus "cases", the counts spdep_reference.R made for its EB-rate Moran.</summary>
    public string WithCases { get; }

    /// <summary>The Cà Mau GeoJSON converted to EPSG:5897 with an old-style "crs" member.</summary>
    public string Vn2000 { get; }

    /// <summary>Shapefile without .prj, coordinates in metres of R's tmerc centred on the layer.</summary>
    public string PlanarMetres { get; }

    /// <summary>Shapefile without .prj whose coordinates are still lon/lat degrees.</summary>
    public string PlanarDegrees { get; }

    public string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteGeoJson(string name, Action<JsonNode, int> edit, int? epsg)
    {
        var root = JsonNode.Parse(File.ReadAllText(CaMau))!;
        var features = root["features"]!.AsArray();
        for (var i = 0; i < features.Count; i++)
        {
            edit(features[i]!, i);
            if (epsg is { } code) Convert(features[i]!["geometry"]!["coordinates"]!, code);
        }
        if (epsg is { } crs) root["crs"] = new JsonObject { ["type"] = "name", ["properties"] = new JsonObject { ["name"] = $"urn:ogc:def:crs:EPSG::{crs}" } };
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    // [lon, lat] pairs anywhere in a coordinates array become [x, y] of the CRS
    private static void Convert(JsonNode node, int epsg)
    {
        var array = node.AsArray();
        if (array.Count == 2 && array[0] is JsonValue)
        {
            var (x, y) = CoordinateSystems.FromWgs84(epsg, array[0]!.GetValue<double>(), array[1]!.GetValue<double>());
            array[0] = x;
            array[1] = y;
            return;
        }
        foreach (var child in array) Convert(child!, epsg);
    }

    private string WriteShapefile(string name, FeatureFile file, Func<Geometry, Geometry> map)
    {
        var features = file.Features.Select(f => new Feature(map(f.Geometry!),
            new AttributesTable { { "commune_id", f.GetString("commune_id")! }, { "population", (int)f.GetDouble("population")!.Value } })).ToArray();
        var path = Path.Combine(_folder, name);
        Shapefile.WriteAllFeatures(features, path);
        return path;
    }
}
