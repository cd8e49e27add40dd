using DiaBan.Analytics.Spatial;
using DiaBan.Analytics.Tests.Spatial;

namespace DiaBan.Analytics.Tests.Statistics;

/// <summary>The weights each reference case was computed with in spdep_reference.R, built from our own builders.</summary>
internal static class ReferenceWeights
{
    public static SpatialWeights Build(string layer, string spec)
    {
        var geometries = Reference.Geometries(layer);
        var reference = Reference.Load(layer);
        var parts = spec.Split('_');
        var links = parts[0] switch
        {
            "queen" => ContiguityBuilder.Queen(geometries, islandPolicy: IslandPolicy.ZeroLag),
            "rook" => ContiguityBuilder.Rook(geometries, islandPolicy: IslandPolicy.ZeroLag),
            "knn" => KNearest.Build(Points(layer), reference.GetProperty("knn_k").GetInt32()),
            "band" => DistanceBand.Build(Points(layer), reference.Number("band_threshold"), IslandPolicy.ZeroLag),
            _ => throw new ArgumentException(spec),
        };
        var policy = spec.Contains("exclude") ? IslandPolicy.Exclude : IslandPolicy.ZeroLag;
        var styled = parts[^1] == "W" ? links.ToRowStandardised() : links.ToBinary();
        return styled.WithIslandPolicy(policy);
    }

    public static PlanarPoints Points(string layer) => layer == "ca_mau"
        ? PlanarPoints.FromGeographic(Reference.Geometries(layer))
        : PlanarPoints.FromProjected(Reference.Geometries(layer).Select(g => g.Centroid.Coordinate).ToArray());

    /// <summary>The analysed variable; the sids rate is recomputed from its integer counts exactly as R did.</summary>
    public static double[] Values(string layer)
    {
        var reference = Reference.Load(layer);
        if (layer != "sids") return reference.GetProperty("values").Doubles();
        var events = reference.GetProperty("events").Doubles();
        var births = reference.GetProperty("population").Doubles();
        return events.Select((e, i) => 1000 * e / births[i]).ToArray();
    }
}
