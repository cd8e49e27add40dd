using DiaBan.Analytics.Spatial;

namespace DiaBan.Analytics.Statistics.Runs;

/// <summary>Spatial weights built for a layer and a plain-words account of how (for output headers and notes).</summary>
public sealed record LayerWeightsResult(SpatialWeights Weights, string Description);

/// <summary>
/// Builds the weights a <see cref="WeightsSpec"/> names. Contiguity works on the geometries as they are (lon/lat or
/// planar). Distance-based weights never measure in degrees: lon/lat layers are projected with a transverse Mercator
/// centred on the layer (<see cref="LocalProjection"/>), and planar layers must not look like lon/lat (<see cref="Metric"/>).
/// </summary>
public static class LayerWeights
{
    public static LayerWeightsResult Build(StatisticsLayer layer, WeightsSpec spec, IslandPolicy islands)
    {
        switch (spec.Kind)
        {
            case WeightsKind.Queen:
                return new(ContiguityBuilder.Queen(layer.Geometries, ContiguityBuilder.DefaultSnap, islands), "queen contiguity (shared boundary point)");
            case WeightsKind.Rook:
                return new(ContiguityBuilder.Rook(layer.Geometries, ContiguityBuilder.DefaultSnap, islands), "rook contiguity (shared boundary segment)");
        }
        var points = Points(layer);
        var where = points.Projection is { } projection
            ? $"centroids projected to metres ({projection.ProjString})"
            : "centroids in the layer's planar units, taken as metres";
        if (spec.Kind == WeightsKind.KNearest)
        {
            if (spec.K >= layer.Count)
                throw new ArgumentException($"knn:{spec.K} needs more than {spec.K} units; the layer has {layer.Count}.");
            return new(KNearest.Build(points, spec.K).WithIslandPolicy(islands), $"{spec.K} nearest neighbours, {where}");
        }
        return new(DistanceBand.Build(points, spec.BandMetres, islands),
            FormattableString.Invariant($"distance band ≤ {spec.BandMetres:0.###} m, {where}"));
    }

    /// <summary>One point per unit (the point itself or the polygon's centroid) in metres.</summary>
    public static PlanarPoints Points(StatisticsLayer layer) => layer.Coordinates == LayerCoordinates.LonLat
        ? PlanarPoints.FromGeographic(layer.Geometries)
        : PlanarPoints.FromProjectedGeometries(layer.Geometries);
}
