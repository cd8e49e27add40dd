namespace DiaBan.Analytics.Spatial;

/// <summary>
/// Fixed-distance-band weights on planar points (spdep dnearneigh(d1 = 0, d2 = threshold), bounds GE/LE):
/// j is a neighbour of i when 0 ≤ d_ij ≤ threshold — inclusive, a pair exactly at the threshold is linked. Binary, symmetric.
/// </summary>
public static class DistanceBand
{
    public static SpatialWeights Build(PlanarPoints points, double threshold, IslandPolicy islandPolicy = IslandPolicy.Reject)
    {
        if (!(threshold > 0) || double.IsInfinity(threshold)) throw new ArgumentOutOfRangeException(nameof(threshold), "Threshold must be a positive distance in metres.");
        var n = points.Count;
        var sweep = new XSortedPoints(points);
        var lists = new int[n][];
        Parallel.For(0, n, i =>
        {
            var found = new List<int>();
            var rank = sweep.RankOf(i);
            var x = sweep.X(rank);
            var y = sweep.Y(rank);
            for (var r = rank - 1; r >= 0 && x - sweep.X(r) <= threshold; r--) AddIfWithin(sweep, r, x, y, threshold, found);
            for (var r = rank + 1; r < n && sweep.X(r) - x <= threshold; r++) AddIfWithin(sweep, r, x, y, threshold, found);
            lists[i] = found.ToArray();
        });
        return SpatialWeights.FromNeighbours(lists, islandPolicy);
    }

    /// <summary>The smallest threshold that gives every unit at least one neighbour (max nearest-neighbour distance).</summary>
    public static double MinimumConnectingThreshold(PlanarPoints points)
    {
        var nearest = KNearest.Build(points, 1);
        var max = 0.0;
        for (var i = 0; i < points.Count; i++)
        {
            var j = nearest.Neighbours(i)[0];
            max = Math.Max(max, Math.Sqrt(Square(points[i].X - points[j].X) + Square(points[i].Y - points[j].Y)));
        }
        return max;
    }

    private static void AddIfWithin(XSortedPoints sweep, int rank, double x, double y, double threshold, List<int> found)
    {
        var dx = sweep.X(rank) - x;
        var dy = sweep.Y(rank) - y;
        if (Math.Sqrt(dx * dx + dy * dy) <= threshold) found.Add(sweep.IndexAt(rank));
    }

    private static double Square(double v) => v * v;
}
