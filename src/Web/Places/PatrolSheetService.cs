using System.Text.Json;
using DiaBan.Analytics.Places;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using DiaBan.Web.Hosting.Options;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Places;

/// <summary>How long a sheet covers. Incidents carry a date, not a time, so a shift is a day (the page says why).</summary>
public enum SheetPeriod { Day, Week }

/// <summary>What a user asks for: the first day, the period, the cells per commune and the exploration share.</summary>
public sealed record PatrolSheetRequest(DateOnly Day, SheetPeriod Period, int Top, double ExplorationShare)
{
    public DateOnly EndExclusive => Period == SheetPeriod.Day ? Day.AddDays(1) : Day.AddDays(7);
}

public sealed record PatrolSheetCell(CellAssignment Assignment, PlaceCellInfo Info);

/// <summary>One page of the sheet: a commune (since 1/7/2025 each commune has its own police, so a commune is a police unit).</summary>
public sealed record PatrolSheetUnit(int UnitId, string Code, string Name, int CellCount, IReadOnlyList<PatrolSheetCell> Cells);

public sealed record PatrolSheet(PatrolSheetRequest Request, int CellSizeM, string Scorer, int Incidents, IReadOnlyList<PatrolSheetUnit> Units);

/// <summary>
/// Builds the patrol sheet: the caller's grid squares on the day (<see cref="PlaceQueries"/>, area-scoped), scored by the
/// registered <see cref="ICellScorer"/> for the week (a day = the week's forecast ÷ 7), then per commune the top cells with
/// the exploration share (<see cref="CellPatrolPlanner"/>). The cell-level feedback guard: history without patrol finds.
/// </summary>
public sealed class PatrolSheetService(PlaceQueries places, ICellScorer scorer, IOptions<GridOptions> options)
{
    public GridOptions Options => options.Value;

    public async Task<PatrolSheet> BuildAsync(AreaScope scope, PatrolSheetRequest request, CancellationToken ct = default)
    {
        int size = Options.CellSizeM;
        var input = await places.ScoringInputAsync(scope, size, request.Day, ForecastHorizon.Week, new PlaceLoadOptions { ReportedOnly = true }, ct);
        var forecasts = scorer.Score(input);
        double scale = request.Period == SheetPeriod.Day ? 1.0 / 7 : 1;
        var lastPatrols = await places.LastPatrolsAsync(scope, size, request.Day, ct);
        var plans = new List<(int UnitId, int Cells, IReadOnlyList<CellAssignment> Plan)>();
        foreach (var unit in input.Cells.Select((c, k) => (Cell: c, Forecast: forecasts[k])).GroupBy(x => x.Cell.UnitId).OrderBy(g => g.Key))
        {
            var candidates = unit.Select(x => new CellCandidate(
                x.Forecast with { Score = x.Forecast.Score * scale, Low = x.Forecast.Low * scale, High = x.Forecast.High * scale },
                lastPatrols.TryGetValue(x.Cell.Id, out var last) ? request.Day.DayNumber - last.DayNumber + 1 : null)).ToList();
            var plan = CellPatrolPlanner.Plan(candidates, request.Top,
                new CellPatrolOptions { ExplorationShare = request.ExplorationShare, Seed = request.Day.DayNumber ^ unit.Key });
            plans.Add((unit.Key, candidates.Count, plan));
        }
        var info = (await places.CellInfoAsync(scope, size, request.Day, plans.SelectMany(p => p.Plan.Select(a => a.Forecast.CellId)).ToList(), ct))
            .ToDictionary(c => c.Id);
        var units = plans
            .Select(p => (p, Cells: p.Plan.Where(a => info.ContainsKey(a.Forecast.CellId)).Select(a => new PatrolSheetCell(a, info[a.Forecast.CellId])).ToList()))
            .Where(x => x.Cells.Count > 0)
            .Select(x => new PatrolSheetUnit(x.p.UnitId, x.Cells[0].Info.UnitCode, x.Cells[0].Info.UnitName, x.p.Cells, x.Cells))
            .OrderBy(u => u.Code, StringComparer.Ordinal)
            .ToList();
        return new PatrolSheet(request, size, scorer.Name, input.History.Count, units);
    }

    /// <summary>Records the sheet as patrolled: exposure per cell for its period, inside the scope only; returns the rows written.</summary>
    public Task<int> RecordAsync(CellExposureRecorder recorder, AreaScope scope, PatrolSheet sheet, string actor, CancellationToken ct = default) =>
        recorder.RecordAsync(scope, sheet.CellSizeM, sheet.Request.Day, sheet.Request.EndExclusive,
            sheet.Units.SelectMany(u => u.Cells.Select(c => new RecordedCell(c.Info.Id, c.Assignment.Exploration))).ToList(),
            Options.PatrolDaysPerCell * (sheet.Request.Period == SheetPeriod.Week ? 7 : 1), actor, ct);

    /// <summary>The sheet's cells as GeoJSON (for phones and the map): rank, score, interval, exploration, reasons per feature.</summary>
    public Task<string> GeoJsonAsync(AreaScope scope, PatrolSheet sheet, CancellationToken ct = default) =>
        places.CellsFeatureCollectionAsync(scope, sheet.CellSizeM, sheet.Request.Day,
            sheet.Units.SelectMany(u => u.Cells.Select(c => (c.Info.Id, JsonSerializer.Serialize(new
            {
                code = c.Info.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                commune = u.Name,
                rank = c.Assignment.Rank,
                score = Math.Round(c.Assignment.Forecast.Score, 3),
                low = Math.Round(c.Assignment.Forecast.Low, 3),
                high = Math.Round(c.Assignment.Forecast.High, 3),
                exploration = c.Assignment.Exploration,
                reasons = c.Assignment.Explanation,
                lat = Math.Round(c.Info.Lat, 5),
                lon = Math.Round(c.Info.Lon, 5),
            })))).ToList(), ct);
}
