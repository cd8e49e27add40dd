using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Places;

/// <summary>The simplest place forecast: each cell's incidents with an exponential decay (half-life in days), scaled to the horizon.
/// A baseline and the fallback when no cell model is trained.</summary>
public sealed class RecentCountScorer(double halfLifeDays = 28) : ICellScorer
{
    public string Name => "recent_count";

    public IReadOnlyList<CellForecast> Score(CellScoringInput input)
    {
        var index = new CellIndex(input.Cells, input.CellSizeM);
        var weight = new double[input.Cells.Count];
        var decay = Math.Log(2) / halfLifeDays;
        foreach (var e in input.History)
        {
            if (e.Date >= input.From) continue;
            var i = index.Locate(e.X, e.Y);
            if (i is null) continue;
            var age = input.From.DayNumber - e.Date.DayNumber;
            weight[i.Value] += Math.Exp(-decay * age);
        }
        // Decayed weight per day of history (∫ e^{-λt} dt = 1/λ), times the horizon's days.
        var days = input.Horizon.EndExclusive(input.From).DayNumber - input.From.DayNumber;
        var result = new CellForecast[input.Cells.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var mean = weight[i] * decay * days;
            var sd = Math.Sqrt(mean);
            IReadOnlyList<RiskReason> reasons = weight[i] > 0
                ? [new RiskReason(Name, weight[i], mean)]
                : [];
            result[i] = new CellForecast(input.Cells[i].Id, mean, Math.Max(0, mean - 1.96 * sd), mean + 1.96 * sd, reasons);
        }
        return result;
    }
}

/// <summary>Finds the cell of a point: cells are squares of one size centred on their (X, Y), so the lookup is a hash of the square's corner.</summary>
public sealed class CellIndex
{
    private readonly Dictionary<(long, long), int> _byKey = new();
    private readonly double _size;

    public CellIndex(IReadOnlyList<GridCell> cells, double cellSizeM)
    {
        _size = cellSizeM;
        for (var i = 0; i < cells.Count; i++) _byKey[Key(cells[i].X, cells[i].Y)] = i;
    }

    private (long, long) Key(double x, double y) => ((long)Math.Floor(x / _size), (long)Math.Floor(y / _size));

    /// <summary>The position in the cell list of the cell that holds the point, or null outside the grid.</summary>
    public int? Locate(double x, double y) => _byKey.TryGetValue(Key(x, y), out var i) ? i : null;
}
