using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DiaBan.Geo.Crs;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;

namespace DiaBan.Geo.Import;

/// <summary>Reads GeoJSON (.geojson/.json) and Shapefiles (.shp + .dbf, optional .prj/.cpg) into attributes + geometry.</summary>
public static partial class FeatureFileReader
{
    private static readonly JsonSerializerOptions GeoJsonOptions = new()
    {
        Converters = { new GeoJsonConverterFactory(new GeometryFactory(new PrecisionModel(), 0)) },
    };

    public static FeatureFile Read(string path)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path)) throw new ImportException(name, 0, "file", "file not found / không tìm thấy tệp");
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".geojson" or ".json" => ReadGeoJson(path),
            ".shp" => ReadShapefile(path),
            var ext => throw new ImportException(name, 0, "file", $"unsupported boundary format '{ext}' (use .geojson or .shp)"),
        };
    }

    private static FeatureFile ReadGeoJson(string path)
    {
        var name = Path.GetFileName(path);
        JsonDocument doc;
        try
        {
            // a UTF-8 byte-order mark is allowed (data/README.md): Notepad and some GIS tools write one
            ReadOnlyMemory<byte> bytes = File.ReadAllBytes(path);
            if (bytes.Span.StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[Encoding.UTF8.Preamble.Length..];
            doc = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ImportException(name, (int)(e.LineNumber ?? 0) + 1, "json", $"invalid JSON: {e.Message}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type))
                throw new ImportException(name, 1, "type", "not a GeoJSON object (no \"type\")");
            var epsg = CrsMember(root, name);
            var features = new List<FeatureRecord>();
            var errors = new ImportErrors(name);
            switch (type.GetString())
            {
                case "FeatureCollection":
                    if (!root.TryGetProperty("features", out var arr) || arr.ValueKind != JsonValueKind.Array)
                        throw new ImportException(name, 1, "features", "FeatureCollection without a \"features\" array");
                    var i = 0;
                    foreach (var f in arr.EnumerateArray()) features.Add(ReadFeature(f, ++i, errors));
                    break;
                case "Feature":
                    features.Add(ReadFeature(root, 1, errors));
                    break;
                default:
                    throw new ImportException(name, 1, "type", $"expected a FeatureCollection or Feature, got '{type}'");
            }
            errors.ThrowIfAny();
            // RFC 7946: GeoJSON is WGS 84 lon/lat unless an old-style "crs" member says otherwise
            return new FeatureFile(path, "geojson", features, epsg ?? CoordinateSystems.Wgs84, null);
        }
    }

    private static FeatureRecord ReadFeature(JsonElement f, int row, ImportErrors errors)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (f.ValueKind != JsonValueKind.Object)
        {
            errors.Add(row, "feature", "not a JSON object");
            return new FeatureRecord(row, attributes, null);
        }
        if (f.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            foreach (var p in props.EnumerateObject()) attributes[p.Name] = Plain(p.Value);
        Geometry? geometry = null;
        if (f.TryGetProperty("geometry", out var g) && g.ValueKind == JsonValueKind.Object)
        {
            try
            {
                geometry = g.Deserialize<Geometry>(GeoJsonOptions);
            }
            catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
            {
                errors.Add(row, "geometry", $"unreadable geometry: {e.Message}");
            }
        }
        return new FeatureRecord(row, attributes, geometry);
    }

    private static object? Plain(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.TryGetInt64(out var l) ? l : v.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => v.GetRawText(),
    };

    // GeoJSON 2008 "crs": {"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::9207"}}
    private static int? CrsMember(JsonElement root, string file)
    {
        if (!root.TryGetProperty("crs", out var crs) || crs.ValueKind != JsonValueKind.Object) return null;
        var text = crs.TryGetProperty("properties", out var p) && p.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
        if (text.Contains("CRS84", StringComparison.OrdinalIgnoreCase)) return CoordinateSystems.Wgs84;
        var m = EpsgInUrn().Match(text);
        if (!m.Success || !CoordinateSystems.IsSupported(int.Parse(m.Groups[1].Value)))
            throw new ImportException(file, 1, "crs", $"unsupported crs '{text}'; pass a supported --crs or reproject the file");
        return int.Parse(m.Groups[1].Value);
    }

    private static FeatureFile ReadShapefile(string path)
    {
        var name = Path.GetFileName(path);
        var prj = Path.ChangeExtension(path, ".prj");
        int? epsg = null;
        string? note = null;
        if (File.Exists(prj))
        {
            var wkt = File.ReadAllText(prj);
            epsg = PrjFile.ToEpsg(wkt);
            if (epsg is null) note = $"{Path.GetFileName(prj)} names a CRS DiaBan does not support: {wkt[..Math.Min(120, wkt.Length)]}";
        }
        else note = $"no {Path.GetFileName(prj)}: coordinates are planar/unknown; pass --crs EPSG:xxxx";
        var cpg = Path.ChangeExtension(path, ".cpg");
        var encoding = File.Exists(cpg) ? EncodingFromCpg(File.ReadAllText(cpg)) : Encoding.UTF8;
        Feature[] read;
        try
        {
            // invalid rings are read as they are: BoundaryGeometry repairs or rejects them with a reason
            read = Shapefile.ReadAllFeatures(path, new ShapefileReaderOptions { Encoding = encoding, GeometryBuilderMode = GeometryBuilderMode.IgnoreInvalidShapes });
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or NotSupportedException or FileNotFoundException)
        {
            throw new ImportException(name, 0, "shapefile", $"unreadable shapefile: {e.Message}");
        }
        var features = read.Select((f, i) =>
        {
            var attrs = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            foreach (var n in f.Attributes.GetNames()) attrs[n] = f.Attributes[n] is DBNull ? null : f.Attributes[n];
            return new FeatureRecord(i + 1, attrs, f.Geometry);
        }).ToList();
        return new FeatureFile(path, "shapefile", features, epsg, note);
    }

    private static Encoding EncodingFromCpg(string cpg)
    {
        var t = cpg.Trim();
        try
        {
            return t.Equals("UTF-8", StringComparison.OrdinalIgnoreCase) || t == "65001" ? Encoding.UTF8 : Encoding.GetEncoding(t);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }

    [GeneratedRegex(@"EPSG:{1,2}(?:[\d.]*:)?(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex EpsgInUrn();
}
