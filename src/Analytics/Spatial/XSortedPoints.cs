namespace DiaBan.Analytics.Spatial;

/// <summary>Points ordered by x (then index) for plane-sweep neighbour searches.</summary>
internal sealed class XSortedPoints
{
    private readonly int[] _order;
    private readonly int[] _rank;
    private readonly double[] _x;
    private readonly double[] _y;

    public XSortedPoints(PlanarPoints points)
    {
        var n = points.Count;
        var xs = points.X.ToArray();
        _order = Enumerable.Range(0, n).OrderBy(i => xs[i]).ThenBy(i => i).ToArray();
        _rank = new int[n];
        _x = new double[n];
        _y = new double[n];
        for (var r = 0; r < n; r++)
        {
            _rank[_order[r]] = r;
            _x[r] = points.X[_order[r]];
            _y[r] = points.Y[_order[r]];
        }
    }

    public int Count => _order.Length;

    public int RankOf(int index) => _rank[index];

    public int IndexAt(int rank) => _order[rank];

    public double X(int rank) => _x[rank];

    public double Y(int rank) => _y[rank];
}
