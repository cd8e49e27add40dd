using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;
using NetTopologySuite.Index.Strtree;

namespace DiaBan.Geo.Import;

/// <summary>
/// A repair for source layers in which one unit's polygon was drawn over a neighbour instead of around it: the
/// pre-2025 basemap's districts file draws Huyện Hòa Vang (50111) over Quận Liên Chiểu (50109), so the two overlap by
/// the importer's rule (more than half of the smaller) and the file cannot be imported as it is. Where two units of a
/// layer overlap by more than half of the smaller one, the smaller is cut out of the larger. Used by the readers of the
/// real national layers (the national demo and the tests' national layers), never silently by the importer.
/// </summary>
public static class NestedUnits
{
    /// <summary>Cuts, in place, each smaller unit out of the larger one that holds more than half of it; returns the (larger, smaller) index pairs.</summary>
    public static IReadOnlyList<(int Larger, int Smaller)> CutOut(Geometry[] geometries)
    {
        var index = new STRtree<int>();
        for (var i = 0; i < geometries.Length; i++) index.Insert(geometries[i].EnvelopeInternal, i);
        index.Build();
        var cut = new List<(int, int)>();
        for (var i = 0; i < geometries.Length; i++)
        {
            foreach (var j in index.Query(geometries[i].EnvelopeInternal).Where(j => j > i).Order())
            {
                var (a, b) = (geometries[i], geometries[j]);
                if (!a.Intersects(b)) continue;
                var (larger, smaller) = a.Area >= b.Area ? (i, j) : (j, i);
                var shared = a.Intersection(b).Area;
                if (shared <= 0.5 * geometries[smaller].Area) continue;
                var rest = geometries[larger].Difference(geometries[smaller]);
                geometries[larger] = rest.IsValid ? rest : GeometryFixer.Fix(rest);
                cut.Add((larger, smaller));
            }
        }
        return cut;
    }
}
