using NetTopologySuite.Geometries;

namespace DiaBan.Demo.Province;

/// <summary>Which polygons touch: within a tolerance, because real boundary files leave hairline gaps.</summary>
internal static class Adjacency
{
    public static IReadOnlyList<int>[] Build(IReadOnlyList<Geometry> geometries, double tolerance)
    {
        var neighbours = geometries.Select(_ => new List<int>()).ToArray();
        var envelopes = geometries.Select(g =>
        {
            var e = g.EnvelopeInternal.Copy();
            e.ExpandBy(tolerance);
            return e;
        }).ToArray();
        for (var i = 0; i < geometries.Count; i++)
        {
            for (var j = i + 1; j < geometries.Count; j++)
            {
                if (!envelopes[i].Intersects(envelopes[j])) continue;
                if (!geometries[i].IsWithinDistance(geometries[j], tolerance)) continue;
                neighbours[i].Add(j);
                neighbours[j].Add(i);
            }
        }
        return neighbours.Select(n => (IReadOnlyList<int>)n).ToArray();
    }

    /// <summary>Grows a connected cluster from a seed, always taking the allowed neighbour nearest the seed.</summary>
    public static List<int> GrowCluster(int seed, int size, IReadOnlyList<int>[] neighbours, IReadOnlyList<Coordinate> centres,
        Func<int, bool> allowed)
    {
        var cluster = new List<int> { seed };
        while (cluster.Count < size)
        {
            var next = cluster.SelectMany(c => neighbours[c])
                .Where(n => !cluster.Contains(n) && allowed(n))
                .Distinct()
                .OrderBy(n => centres[n].Distance(centres[seed])).ThenBy(n => n)
                .Select(n => (int?)n)
                .FirstOrDefault();
            if (next is null) break;
            cluster.Add(next.Value);
        }
        return cluster;
    }
}
