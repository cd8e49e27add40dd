using DiaBan.Analytics.Spatial;
using NetTopologySuite.Geometries;

namespace DiaBan.Analytics.Statistics;

/// <summary>
/// A KDE surface on a regular grid in a planar CRS: values are densities per square metre at cell centres;
/// row 0 is the southernmost row, column 0 the westernmost. Multiply by <see cref="CellArea"/> for expected counts.
/// </summary>
public sealed class DensityGrid
{
    private readonly double[] _values;

    internal DensityGrid(double minX, double minY, double cellSize, int columns, int rows, double[] values, double searchRadius, LocalProjection? projection)
    {
        MinX = minX;
        MinY = minY;
        CellSize = cellSize;
        Columns = columns;
        Rows = rows;
        _values = values;
        SearchRadius = searchRadius;
        Projection = projection;
    }

    /// <summary>West edge of the grid (metres).</summary>
    public double MinX { get; }

    /// <summary>South edge of the grid (metres).</summary>
    public double MinY { get; }

    public double CellSize { get; }

    public int Columns { get; }

    public int Rows { get; }

    /// <summary>The bandwidth h used (metres).</summary>
    public double SearchRadius { get; }

    /// <summary>Projection of the input points when they came from lon/lat (to place cells on a web map), else null.</summary>
    public LocalProjection? Projection { get; }

    public double CellArea => CellSize * CellSize;

    /// <summary>Densities row by row (row 0 south), Columns × Rows values.</summary>
    public ReadOnlySpan<double> Values => _values;

    public double this[int column, int row] => _values[row * Columns + column];

    public Coordinate CellCentre(int column, int row) => new(MinX + (column + 0.5) * CellSize, MinY + (row + 0.5) * CellSize);

    /// <summary>Σ density × cell area: the weighted count the grid captures (≈ Σ weights when the grid covers every kernel).</summary>
    public double Total
    {
        get
        {
            double sum = 0;
            foreach (var v in _values) sum += v;
            return sum * CellArea;
        }
    }

    public double Maximum
    {
        get
        {
            var max = 0.0;
            foreach (var v in _values) max = Math.Max(max, v);
            return max;
        }
    }
}
