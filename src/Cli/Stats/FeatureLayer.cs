using DiaBan.Analytics.Spatial;
using DiaBan.Analytics.Statistics.Runs;
using DiaBan.Geo.Crs;
using DiaBan.Geo.Import;
using NetTopologySuite.Geometries;

namespace DiaBan.Cli.Stats;

/// <summary>
/// A GeoJSON or Shapefile read for statistics: geometries in WGS 84 lon/lat (reprojected from the file's CRS) or, for a
/// Shapefile without .prj, planar in the file's own units; the id columns copied to every output row.
/// </summary>
public sealed class FeatureLayer
{
    private FeatureLayer(FeatureFile file, StatisticsLayer layer, IReadOnlyList<string> idColumns, string coordinates)
    {
        File = file;
        Layer = layer;
        IdColumns = idColumns;
        Coordinates = coordinates;
    }

    public FeatureFile File { get; }

    public StatisticsLayer Layer { get; }

    /// <summary>--id-field columns, else every scalar attribute whose name looks like an id or code.</summary>
    public IReadOnlyList<string> IdColumns { get; }

    /// <summary>What the coordinates are, for the output ("EPSG:4326 (WGS 84)", "planar (no .prj) …").</summary>
    public string Coordinates { get; }

    public bool IsPlanar => Layer.Coordinates == LayerCoordinates.Planar;

    public int Count => Layer.Count;

    /// <param name="crs">--crs: EPSG:xxxx for a file that does not say (or says wrongly), "planar" to take coordinates as they are.</param>
    public static FeatureLayer Read(string path, string? crs, IReadOnlyList<string> idFields)
    {
        FeatureFile file;
        try
        {
            file = FeatureFileReader.Read(path);
        }
        catch (ImportException e)
        {
            throw new StatsInputException(e.Message);
        }
        if (file.Features.Count < 3) throw new StatsInputException($"{file.Name}: {file.Features.Count} features; at least 3 are needed / cần ít nhất 3 đối tượng");
        var missing = file.Features.FirstOrDefault(f => f.Geometry is null || f.Geometry.IsEmpty);
        if (missing is not null) throw new StatsInputException($"{file.Name}:{missing.Row}: feature without geometry / đối tượng không có hình học");

        var planar = string.Equals(crs, "planar", StringComparison.OrdinalIgnoreCase) || (crs is null && file.Epsg is null);
        var epsg = planar ? (int?)null : crs is not null ? CoordinateSystems.ParseCode(crs) : file.Epsg;
        var geometries = file.Features.Select(f => Convert(f.Geometry!, epsg)).ToArray();
        var coordinates = epsg is { } code
            ? code == CoordinateSystems.Wgs84 ? "EPSG:4326 (WGS 84 lon/lat)" : $"{CoordinateSystems.Get(code)} reprojected to WGS 84 lon/lat"
            : crs is null
                ? $"planar: {file.Name} has no CRS (no .prj), coordinates used as they are, distances in the file's units / không có .prj: tọa độ phẳng, đơn vị của tệp"
                : "planar (--crs planar): coordinates used as they are, distances in the file's units";
        var ids = idFields.Count > 0 ? idFields : file.Features[0].Attributes.Keys.Where(k => LooksLikeId(k) && IsScalarEverywhere(file, k)).ToArray();
        foreach (var id in ids)
        {
            if (!file.Features[0].Attributes.ContainsKey(id))
                throw new StatsInputException($"{file.Name}: no attribute '{id}' (--id-field); attributes: {string.Join(", ", file.Features[0].Attributes.Keys)}");
        }
        return new FeatureLayer(file, new StatisticsLayer(geometries, planar ? LayerCoordinates.Planar : LayerCoordinates.LonLat), ids, coordinates);
    }

    /// <summary>The id column values of feature <paramref name="index"/>.</summary>
    public IEnumerable<object?> Ids(int index) => IdColumns.Select(c => (object?)File.Features[index].GetString(c));

    /// <summary>A numeric attribute of every feature; names every feature where it is missing or not a number.</summary>
    public double[] Numbers(string field)
    {
        if (!File.Features[0].Attributes.ContainsKey(field))
            throw new StatsInputException($"{File.Name}: no attribute '{field}'; attributes: {string.Join(", ", File.Features[0].Attributes.Keys)} / không có trường '{field}'");
        var values = new double[Count];
        var bad = new List<int>();
        for (var i = 0; i < Count; i++)
        {
            var v = File.Features[i].GetDouble(field);
            if (v is { } d && double.IsFinite(d)) values[i] = d;
            else bad.Add(File.Features[i].Row);
        }
        if (bad.Count > 0)
            throw new StatsInputException($"{File.Name}: '{field}' is missing or not a number in feature(s) {string.Join(", ", bad.Take(20))}{(bad.Count > 20 ? ", …" : "")} / giá trị thiếu hoặc không phải số");
        return values;
    }

    private static Geometry Convert(Geometry geometry, int? epsg)
    {
        if (epsg is null)
        {
            var planar = geometry.Copy();
            planar.SRID = 0;
            return planar;
        }
        if (epsg == CoordinateSystems.Wgs84)
        {
            Metric.RequireLonLatRange(geometry.EnvelopeInternal);
            var lonLat = geometry.Copy();
            lonLat.SRID = CoordinateSystems.Wgs84;
            return lonLat;
        }
        return CoordinateSystems.ToWgs84(geometry, epsg.Value);
    }

    // id, fid, gid, objectid, ma, *_id, *id (POLYID), *code*, fips*
    private static bool LooksLikeId(string name)
    {
        var n = name.ToLowerInvariant();
        return n is "id" or "fid" or "gid" or "ma" or "ma_xa" || (n.EndsWith("id", StringComparison.Ordinal) && !n.EndsWith("valid", StringComparison.Ordinal))
            || n.Contains("code", StringComparison.Ordinal) || n.StartsWith("fips", StringComparison.Ordinal);
    }

    private static bool IsScalarEverywhere(FeatureFile file, string name) =>
        file.Features.All(f => f.Attributes.GetValueOrDefault(name) is null or string or long or int or short
            || f.Attributes.GetValueOrDefault(name) is double d && d == Math.Floor(d));
}
