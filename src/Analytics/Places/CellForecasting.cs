using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Places;

// The contract between the place-level forecasters (Analytics/Places) and their callers (Geo grid, CLI, the patrol sheet).
// Additive changes only: new optional members with defaults, so callers written against this file keep compiling.

/// <summary>One square cell of the patrol grid: its centroid in the grid's metric CRS (metres) and the commune valid on the scoring date.
/// Squares are aligned on multiples of the cell size: the cell of (x, y) is [k·size, (k+1)·size) on each axis (see CellIndex).</summary>
public sealed record GridCell(long Id, double X, double Y, int UnitId)
{
    /// <summary>Share of the square inside the communes (cells on the border are clipped); 1 = whole cell.</summary>
    public double AreaShare { get; init; } = 1;
}

/// <summary>An incident at a place and date (metric coordinates of the same CRS as the grid; no personal data).</summary>
public readonly record struct PlaceEvent(double X, double Y, DateOnly Date)
{
    /// <summary>Time of day when the source recorded it (optional in imports and entry forms).</summary>
    public TimeOnly? Time { get; init; }
}

/// <summary>How far ahead a place forecast looks.</summary>
public enum ForecastHorizon { Week, Month }

public static class ForecastHorizonInfo
{
    /// <summary>The end (exclusive) of the horizon that starts on <paramref name="from"/>.</summary>
    public static DateOnly EndExclusive(this ForecastHorizon horizon, DateOnly from) =>
        horizon == ForecastHorizon.Week ? from.AddDays(7) : from.AddMonths(1);
}

/// <summary>Other places that raise a cell's risk (open drug spots, conditional businesses, key-route vertices), metric coordinates.</summary>
public sealed record PlaceContext(
    IReadOnlyList<(double X, double Y)> OpenSpots,
    IReadOnlyList<(double X, double Y)> Businesses,
    IReadOnlyList<(double X, double Y)> RouteVertices)
{
    public static PlaceContext Empty { get; } = new([], [], []);
}

/// <summary>A place known over the days [<see cref="From"/>, <see cref="To"/>) (metric coordinates): From null = since before
/// any date asked, To null = still open. A business between its opening and closing, a spot between its detection (or
/// re-emergence) and its elimination.</summary>
public readonly record struct DatedPlace(double X, double Y, DateOnly? From, DateOnly? To)
{
    public bool OpenOn(DateOnly date) => (From is not { } f || f <= date) && (To is not { } t || date < t);
}

/// <summary>
/// The place context with its dates (what the database holds: businesses with their opening and closing days, spots with
/// their verified steps), so a forecast's training origins read the context as it was known on each of them
/// (<see cref="At"/>, handed to <see cref="CellScoringInput.ContextAt"/>). Key routes carry no dates.
/// </summary>
public sealed record DatedPlaceContext(
    IReadOnlyList<DatedPlace> OpenSpots,
    IReadOnlyList<DatedPlace> Businesses,
    IReadOnlyList<(double X, double Y)> RouteVertices)
{
    public static DatedPlaceContext Empty { get; } = new([], [], []);

    /// <summary>The spots open and the businesses open on <paramref name="date"/>, and the routes.</summary>
    public PlaceContext At(DateOnly date) => new(Open(OpenSpots, date), Open(Businesses, date), RouteVertices);

    private static (double X, double Y)[] Open(IReadOnlyList<DatedPlace> places, DateOnly date) =>
        places.Where(p => p.OpenOn(date)).Select(p => (p.X, p.Y)).ToArray();
}

/// <summary>Everything a forecaster may read: the grid, the incident history strictly before <see cref="From"/>, the horizon.</summary>
public sealed record CellScoringInput(
    IReadOnlyList<GridCell> Cells,
    double CellSizeM,
    IReadOnlyList<PlaceEvent> History,
    DateOnly From,
    ForecastHorizon Horizon)
{
    public PlaceContext Context { get; init; } = PlaceContext.Empty;

    /// <summary>
    /// The context as it was known on an earlier date (businesses open then, spots on the register then), for the
    /// training origins of a model; null: <see cref="Context"/> at every origin. A forecaster calls it only with dates
    /// on or before <see cref="From"/> (<see cref="ContextOn"/> enforces it), so nothing after the origin leaks in.
    /// </summary>
    public Func<DateOnly, PlaceContext>? ContextAt { get; init; }

    /// <summary>The context known on <paramref name="date"/> (≤ <see cref="From"/>); <see cref="Context"/> when no dated context was given.</summary>
    public PlaceContext ContextOn(DateOnly date)
    {
        if (date > From) throw new ArgumentOutOfRangeException(nameof(date), date, "A forecast may not read the context after its origin.");
        return date == From || ContextAt is null ? Context : ContextAt(date);
    }
}

/// <summary>A cell's forecast: expected incidents in the horizon, an interval, and the reasons (Vietnamese) that raised it.</summary>
public sealed record CellForecast(long CellId, double Score, double Low, double High, IReadOnlyList<RiskReason> Reasons);

/// <summary>A place-level forecaster (the cell model and each baseline implement it; the backtest runs them side by side).</summary>
public interface ICellScorer
{
    string Name { get; }
    /// <summary>One forecast per input cell, in the order of <see cref="CellScoringInput.Cells"/>.</summary>
    IReadOnlyList<CellForecast> Score(CellScoringInput input);
}
