namespace DiaBan.Analytics.Places;

/// <summary>
/// The cells of a grid on a dense raster (column, row from the aligned square of each centroid, as in
/// <see cref="CellIndex"/>), so neighbourhood sums and windows around a point are array reads, not hash look-ups.
/// </summary>
public sealed class CellRaster
{
    private readonly int[] _cellAt; // raster position → cell position in the list, or −1

    public CellRaster(IReadOnlyList<GridCell> cells, double cellSizeM)
    {
        if (cellSizeM <= 0) throw new ArgumentOutOfRangeException(nameof(cellSizeM));
        SizeM = cellSizeM;
        Count = cells.Count;
        Column = new int[cells.Count];
        Row = new int[cells.Count];
        if (cells.Count == 0)
        {
            _cellAt = [];
            return;
        }
        long minX = long.MaxValue, minY = long.MaxValue, maxX = long.MinValue, maxY = long.MinValue;
        var kx = new long[cells.Count];
        var ky = new long[cells.Count];
        for (int i = 0; i < cells.Count; i++)
        {
            kx[i] = (long)Math.Floor(cells[i].X / cellSizeM);
            ky[i] = (long)Math.Floor(cells[i].Y / cellSizeM);
            minX = Math.Min(minX, kx[i]); maxX = Math.Max(maxX, kx[i]);
            minY = Math.Min(minY, ky[i]); maxY = Math.Max(maxY, ky[i]);
        }
        MinColumn = minX;
        MinRow = minY;
        Columns = checked((int)(maxX - minX + 1));
        Rows = checked((int)(maxY - minY + 1));
        _cellAt = new int[checked(Columns * Rows)];
        Array.Fill(_cellAt, -1);
        for (int i = 0; i < cells.Count; i++)
        {
            Column[i] = (int)(kx[i] - minX);
            Row[i] = (int)(ky[i] - minY);
            _cellAt[Row[i] * Columns + Column[i]] = i;
        }
    }

    public double SizeM { get; }
    public int Count { get; }
    public int Columns { get; }
    public int Rows { get; }
    public long MinColumn { get; }
    public long MinRow { get; }
    /// <summary>Raster column and row of each cell (position in the cell list).</summary>
    public int[] Column { get; }
    public int[] Row { get; }

    /// <summary>The cell at a raster column and row, or −1 (outside the raster or no cell there).</summary>
    public int At(int column, int row) =>
        column < 0 || row < 0 || column >= Columns || row >= Rows ? -1 : _cellAt[row * Columns + column];

    /// <summary>Raster column and row of the square holding a point (may lie outside the raster).</summary>
    public (int Column, int Row) Locate(double x, double y) =>
        ((int)((long)Math.Floor(x / SizeM) - MinColumn), (int)((long)Math.Floor(y / SizeM) - MinRow));

    /// <summary>The cell holding a point, or −1.</summary>
    public int CellOf(double x, double y)
    {
        var (c, r) = Locate(x, y);
        return At(c, r);
    }

    /// <summary>Per-cell sum of <paramref name="values"/> over the square ring of cells at Chebyshev distance in [inner, outer].</summary>
    public double[] RingSum(double[] values, int inner, int outer)
    {
        var result = new double[Count];
        for (int i = 0; i < Count; i++)
        {
            double sum = 0;
            for (int dr = -outer; dr <= outer; dr++)
                for (int dc = -outer; dc <= outer; dc++)
                {
                    if (Math.Max(Math.Abs(dr), Math.Abs(dc)) < inner) continue;
                    int j = At(Column[i] + dc, Row[i] + dr);
                    if (j >= 0) sum += values[j];
                }
            result[i] = sum;
        }
        return result;
    }

    /// <summary>
    /// Distance (m) from each cell's centroid to the nearest of <paramref name="points"/>, capped at <paramref name="capM"/>
    /// (points farther than the cap are not looked at).
    /// </summary>
    public double[] NearestDistance(IReadOnlyList<GridCell> cells, IReadOnlyList<(double X, double Y)> points, double capM)
    {
        var best = new double[Count];
        Array.Fill(best, capM * capM);
        int reach = (int)Math.Ceiling(capM / SizeM);
        foreach (var (x, y) in points)
        {
            var (pc, pr) = Locate(x, y);
            for (int r = Math.Max(0, pr - reach); r <= Math.Min(Rows - 1, pr + reach); r++)
                for (int c = Math.Max(0, pc - reach); c <= Math.Min(Columns - 1, pc + reach); c++)
                {
                    int i = _cellAt[r * Columns + c];
                    if (i < 0) continue;
                    double dx = cells[i].X - x, dy = cells[i].Y - y, d2 = dx * dx + dy * dy;
                    if (d2 < best[i]) best[i] = d2;
                }
        }
        for (int i = 0; i < Count; i++) best[i] = Math.Sqrt(best[i]);
        return best;
    }
}
