using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace DiaBan.Analytics.Spatial;

/// <summary>
/// Queen and rook contiguity from polygons, with the rule of R spdep <c>poly2nb</c> so our lists equal spdep's:
/// two units are neighbours when their boundary vertices coincide within <c>snap</c> (|dx|, |dy| and the distance
/// all ≤ snap) — queen: at least one coinciding vertex pair, rook: at least two. Simplified boundaries (our VN layers)
/// overlap slightly and keep only the junction vertices in common, so a geometric "touches" test would miss most
/// neighbours; vertex snapping is what works on them. An STRtree of snap-expanded envelopes pre-filters the pairs.
/// </summary>
public static class ContiguityBuilder
{
    /// <summary>spdep's default snap, sqrt(.Machine$double.eps) = 2^-26, in coordinate units (degrees for lon/lat).</summary>
    public const double DefaultSnap = 1.4901161193847656e-08;

    /// <summary>Queen contiguity: neighbours share at least one boundary point (vertex within snap).</summary>
    public static SpatialWeights Queen(IReadOnlyList<Geometry> polygons, double snap = DefaultSnap, IslandPolicy islandPolicy = IslandPolicy.Reject) =>
        Build(polygons, snap, sharedVerticesRequired: 1, islandPolicy);

    /// <summary>
    /// Rook contiguity, spdep's test: at least two coinciding boundary vertex pairs. On shared boundaries that is a shared
    /// segment of positive length; as in spdep, two separate single-point contacts also count.
    /// </summary>
    public static SpatialWeights Rook(IReadOnlyList<Geometry> polygons, double snap = DefaultSnap, IslandPolicy islandPolicy = IslandPolicy.Reject) =>
        Build(polygons, snap, sharedVerticesRequired: 2, islandPolicy);

    private static SpatialWeights Build(IReadOnlyList<Geometry> polygons, double snap, int sharedVerticesRequired, IslandPolicy islandPolicy)
    {
        if (!(snap >= 0) || double.IsInfinity(snap)) throw new ArgumentOutOfRangeException(nameof(snap), "Snap must be a finite, non-negative distance.");
        var n = polygons.Count;
        var vertices = new BoundaryVertices[n];
        var tree = new STRtree<int>();
        for (var i = 0; i < n; i++)
        {
            vertices[i] = BoundaryVertices.Of(polygons[i], i);
            var envelope = vertices[i].Envelope.Copy();
            envelope.ExpandBy(snap);
            tree.Insert(envelope, i);
        }
        tree.Build();

        var later = new List<int>[n];
        Parallel.For(0, n, i =>
        {
            var found = new List<int>();
            var envelope = vertices[i].Envelope.Copy();
            envelope.ExpandBy(snap);
            foreach (var j in tree.Query(envelope))
            {
                if (j > i && vertices[i].CountCoincident(vertices[j], snap, sharedVerticesRequired) >= sharedVerticesRequired) found.Add(j);
            }
            later[i] = found;
        });

        var lists = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < n; i++)
        {
            foreach (var j in later[i])
            {
                lists[i].Add(j);
                lists[j].Add(i);
            }
        }
        return SpatialWeights.FromNeighbours(lists, islandPolicy);
    }
}
