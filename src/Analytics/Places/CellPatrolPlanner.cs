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

/// <summary>One cell on a unit's sheet. Exploitation cells come first by score; exploration cells follow in draw order.</summary>
public sealed record CellAssignment(int Rank, CellForecast Forecast, bool Exploration, int RiskRank, int Cells, int? DaysSinceLastPatrol, string Explanation);

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

    private static CellAssignment Assignment(int rank, CellCandidate c, int riskRank, bool exploration, int cells, CellPatrolOptions options)
    {
        var f = c.Forecast;
        // a forecast above zero that rounds to 0 reads "dưới 0,01", not "0" (the cell is ranked: its risk is not nil)
        static string N(double v) => v is > 0 and < 0.005 ? "dưới 0,01" : VietnameseText.Number(v, 2);
        string forecast = $"dự báo {N(f.Score)} vụ (khoảng {N(f.Low)}–{N(f.High)})";
        string visited = c.DaysSinceLastPatrol switch
        {
            null => "chưa ghi nhận tuần tra ở ô này",
            < 7 => "đã tuần tra trong tuần qua",
            int d => $"{d / 7} tuần chưa tuần tra",
        };
        string text = exploration
            ? $"Tuần tra thăm dò (phần {VietnameseText.Percent(options.ExplorationShare)} số ô dành cho ô xếp hạng thấp hơn, bốc thăm có trọng số): "
              + $"{visited}; xếp hạng nguy cơ {riskRank}/{cells}, {forecast}."
            : $"Ưu tiên theo nguy cơ (hạng {riskRank}/{cells}): {forecast}."
              + (f.Reasons.Count > 0 ? $" Lý do: {string.Join("; ", f.Reasons.Select(r => r.Text))}." : " Chưa có vụ việc ghi nhận gần đây trong ô.");
        return new CellAssignment(rank, f, exploration, riskRank, cells, c.DaysSinceLastPatrol, text);
    }
}
