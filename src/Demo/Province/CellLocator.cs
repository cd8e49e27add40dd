using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace DiaBan.Demo.Province;

/// <summary>
/// Point-in-cell tests and rejection sampling. Coordinates are rounded to 6 decimals (~0.1 m) BEFORE the test, so a
/// stored point is inside its pre-merger unit, its post-merger unit and its cell.
/// </summary>
internal sealed class CellLocator
{
    private const int MaxAttempts = 20_000;
    private readonly IReadOnlyList<Cell> _cells;
    private readonly IPreparedGeometry[] _preparedCells;
    // old and new codes are separate namespaces: real data reuses an old code for a new unit
    private readonly Dictionary<string, IPreparedGeometry> _preparedOld = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IPreparedGeometry> _preparedNew = new(StringComparer.Ordinal);
    private readonly Polygon[][] _parts;
    private readonly STRtree<Cell> _index = new();
    private readonly GeometryFactory _factory;

    public CellLocator(IReadOnlyList<Cell> cells, GeometryFactory factory)
    {
        _cells = cells;
        _factory = factory;
        _preparedCells = cells.Select(c => PreparedGeometryFactory.Prepare(c.Geometry)).ToArray();
        foreach (var cell in cells)
        {
            _preparedOld.TryAdd(cell.Old.Code, PreparedGeometryFactory.Prepare(cell.Old.Geometry));
            _preparedNew.TryAdd(cell.New.Code, PreparedGeometryFactory.Prepare(cell.New.Geometry));
        }
        _parts = cells.Select(c => Enumerable.Range(0, c.Geometry.NumGeometries).Select(c.Geometry.GetGeometryN).OfType<Polygon>().ToArray()).ToArray();
        foreach (var cell in cells) _index.Insert(cell.Geometry.EnvelopeInternal, cell);
        _index.Build();
    }

    public static Coordinate Round(double lon, double lat) => new(Math.Round(lon, 6), Math.Round(lat, 6));

    public bool Holds(Cell cell, Coordinate rounded)
    {
        var point = _factory.CreatePoint(rounded);
        return _preparedCells[cell.Index].Contains(point)
               && _preparedOld[cell.Old.Code].Contains(point)
               && _preparedNew[cell.New.Code].Contains(point);
    }

    /// <summary>The cell holding a point (lowest index on ties), or null outside every cell.</summary>
    public Cell? Find(Coordinate rounded) =>
        _index.Query(new Envelope(rounded)).OrderBy(c => c.Index).FirstOrDefault(c => Holds(c, rounded));

    /// <summary>A uniform point inside the cell: a part chosen by area, then rejection in that part's bounding box.</summary>
    public Coordinate Sample(Cell cell, Random random)
    {
        var parts = _parts[cell.Index];
        var areas = parts.Select(p => p.Area).ToArray();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var e = parts[random.PickWeighted(areas)].EnvelopeInternal;
            var c = Round(random.Uniform(e.MinX, e.MaxX), random.Uniform(e.MinY, e.MaxY));
            if (Holds(cell, c)) return c;
        }
        var interior = cell.Geometry.InteriorPoint.Coordinate;
        var fallback = Round(interior.X, interior.Y);
        return Holds(cell, fallback)
            ? fallback
            : throw new InvalidOperationException($"cannot place a point in {cell.Old.Code}→{cell.New.Code}");
    }

    public IReadOnlyList<Cell> Cells => _cells;
}
