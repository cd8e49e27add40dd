namespace DiaBan.Analytics.Spatial;

/// <summary>
/// k-nearest-neighbour weights on planar points (spdep knearneigh + knn2nb): each unit's k closest other units by
/// Euclidean distance, ties broken by the lower index. Asymmetric in general. Binary weights.
/// </summary>
public static class KNearest
{
    public static SpatialWeights Build(PlanarPoints points, int k)
    {
        var n = points.Count;
        if (k < 1 || k >= n) throw new ArgumentOutOfRangeException(nameof(k), $"k must be between 1 and {n - 1}.");
        var sweep = new XSortedPoints(points);
        var lists = new int[n][];
        Parallel.For(0, n, i => lists[i] = Nearest(sweep, i, k));
        return SpatialWeights.FromNeighbours(lists);
    }

    // Walk outwards from i in x order, keeping the k best (squared distance, index); stop once |dx| alone exceeds the k-th best.
    private static int[] Nearest(XSortedPoints sweep, int unit, int k)
    {
        var best = new List<(double Distance, int Index)>(k + 1);
        var rank = sweep.RankOf(unit);
        var x = sweep.X(rank);
        var y = sweep.Y(rank);
        int left = rank - 1, right = rank + 1;
        while (left >= 0 || right < sweep.Count)
        {
            var dxLeft = left >= 0 ? x - sweep.X(left) : double.PositiveInfinity;
            var dxRight = right < sweep.Count ? sweep.X(right) - x : double.PositiveInfinity;
            var useLeft = dxLeft <= dxRight;
            var dx = useLeft ? dxLeft : dxRight;
            if (best.Count == k && dx * dx > best[^1].Distance) break;
            var r = useLeft ? left-- : right++;
            var dy = sweep.Y(r) - y;
            Insert(best, (dx * dx + dy * dy, sweep.IndexAt(r)), k);
        }
        return best.Select(b => b.Index).ToArray();
    }

    private static void Insert(List<(double Distance, int Index)> best, (double Distance, int Index) candidate, int k)
    {
        var at = best.Count;
        while (at > 0 && (best[at - 1].Distance > candidate.Distance || (best[at - 1].Distance == candidate.Distance && best[at - 1].Index > candidate.Index))) at--;
        if (at >= k) return;
        best.Insert(at, candidate);
        if (best.Count > k) best.RemoveAt(k);
    }
}
