using NetTopologySuite.Geometries;

namespace DiaBan.Analytics.Spatial;

/// <summary>Applies a coordinate transform to every vertex of a geometry (used on copies, never on the caller's geometry).</summary>
internal sealed class CoordinateMapFilter(Func<Coordinate, Coordinate> map) : IEntireCoordinateSequenceFilter
{
    public bool Done => false;

    public bool GeometryChanged => true;

    public static Geometry Apply(Geometry geometry, Func<Coordinate, Coordinate> map)
    {
        var copy = geometry.Copy();
        copy.Apply(new CoordinateMapFilter(map));
        copy.GeometryChanged();
        return copy;
    }

    public void Filter(CoordinateSequence seq)
    {
        for (var i = 0; i < seq.Count; i++)
        {
            var mapped = map(new Coordinate(seq.GetX(i), seq.GetY(i)));
            seq.SetX(i, mapped.X);
            seq.SetY(i, mapped.Y);
        }
    }
}
