using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Places;

/// <summary>A cell offered to the sheet: its forecast and how long since a patrol was recorded on it (null = never).</summary>
public sealed record CellCandidate(CellForecast Forecast, int? DaysSinceLastPatrol);

public sealed record CellPatrolOptions
{
    /// <summary>ε: share of the cells drawn for exploration among the lower-ranked cells of the unit.</summary>
    public double ExplorationShare { get; init; } = 0.2;

    public int Seed { get; init; } = 1;

    /// <summary>Weeks without a patrol at which the "long unvisited" weight saturates (a never-patrolled cell counts as saturated).</summary>
    public int UnvisitedSaturationWeeks { get; init; } = 8;
}

/// <summary>
/// One cell on a unit's sheet. Exploitation cells come first by score; exploration cells follow in draw order. What the
/// explanation says is here (kind, rank among <see cref="Cells"/>, days since the last patrol, the forecast and its
/// reasons, the exploration share); the web layer words it per language (DiaBan.Web.Places.PatrolAssignmentText).
/// </summary>
public sealed record CellAssignment(int Rank, CellForecast Forecast, bool Exploration, int RiskRank, int Cells, int? DaysSinceLastPatrol,
    double ExplorationShare);

/// <summary>
/// The cell-level twin of <see cref="PatrolPlanner"/>: the top cells of one unit for a shift or a week, with the same
/// exploration share (<see cref="ExplorationDraw"/>: weight from the forecast's uncertainty and the weeks since the cell
/// was last patrolled), so the sheet keeps sending some patrols where the model has not looked.
/// </summary>
public static class CellPatrolPlanner
{
    public static IReadOnlyList<CellAssignment> Plan(IReadOnlyList<CellCandidate> cells, int top, CellPatrolOptions? options = null)
    {
        options ??= new CellPatrolOptions();
        var ranked = cells.OrderByDescending(c => c.Forecast.Score).ThenBy(c => c.Forecast.CellId).ToArray();
        var (slots, exploit, explore) = ExplorationDraw.Split(ranked.Length, top, options.ExplorationShare);
        var plan = new List<CellAssignment>(slots);
        for (int i = 0; i < exploit; i++) plan.Add(Assignment(plan.Count + 1, ranked[i], i + 1, false, ranked.Length, options));
        double maxSd = ranked.Length > exploit ? ranked.Skip(exploit).Max(c => Sd(c.Forecast)) : 0;
        foreach (var p in ExplorationDraw.Draw(exploit, ranked.Length, explore, options.Seed,
                     p => ExplorationDraw.Weight(Sd(ranked[p].Forecast), maxSd, WeeksUnvisited(ranked[p], options), options.UnvisitedSaturationWeeks)))
            plan.Add(Assignment(plan.Count + 1, ranked[p], p + 1, true, ranked.Length, options));
        return plan;
    }

    /// <summary>The forecast's spread read back from its 95 % interval (High − Low = 2 · 1.96 · sd).</summary>
    public static double Sd(CellForecast f) => Math.Max(0, f.High - f.Low) / (2 * 1.96);

    private static int WeeksUnvisited(CellCandidate c, CellPatrolOptions options) =>
        c.DaysSinceLastPatrol is int d ? d / 7 : options.UnvisitedSaturationWeeks;

    private static CellAssignment Assignment(int rank, CellCandidate c, int riskRank, bool exploration, int cells, CellPatrolOptions options) =>
        new(rank, c.Forecast, exploration, riskRank, cells, c.DaysSinceLastPatrol, options.ExplorationShare);
}
