using System.Text.Json;
using DiaBan.Analytics.Places;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using DiaBan.Web.Hosting.Options;
using DiaBan.Web.Risk;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Places;

/// <summary>How long a sheet covers (a shift within it is <see cref="PatrolSheetRequest.Shift"/>).</summary>
public enum SheetPeriod { Day, Week }

/// <summary>What a user asks for: the first day, the period, the cells per commune, the exploration share and the shift (null = whole day).</summary>
public sealed record PatrolSheetRequest(DateOnly Day, SheetPeriod Period, int Top, double ExplorationShare)
{
    public DateOnly EndExclusive => Period == SheetPeriod.Day ? Day.AddDays(1) : Day.AddDays(7);

    /// <summary>One of the configured shifts (<see cref="ShiftOptions"/>), or null for the whole day.</summary>
    public Shift? Shift { get; init; }
}

public sealed record PatrolSheetCell(CellAssignment Assignment, PlaceCellInfo Info);

/// <summary>
/// When a commune's incidents happen (history before the sheet): its table, the table of its cells on the sheet, the basis
/// of its shift forecast (<see cref="ShiftShares.Choose"/>) and the shares per shift on that basis (null when daily).
/// </summary>
public sealed record PatrolSheetHours(TimeOfWeekTable Commune, TimeOfWeekTable CellSet, ShiftBasis Basis, IReadOnlyList<ShiftShare>? Shares)
{
    /// <summary>The share applied to the sheet's shift (null when the sheet is for the whole day or the forecast stays daily).</summary>
    public ShiftShare? Applied { get; init; }
}

/// <summary>One page of the sheet: a commune (since 1/7/2025 each commune has its own police, so a commune is a police unit).</summary>
public sealed record PatrolSheetUnit(int UnitId, string Code, string Name, int CellCount, IReadOnlyList<PatrolSheetCell> Cells)
{
    public PatrolSheetHours? Hours { get; init; }

    /// <summary>How the sheet's shift forecast was made for this commune (null when the sheet is for the whole day); every cell's explanation ends with it.</summary>
    public ShiftNote? ShiftNote { get; init; }
}

public sealed record PatrolSheet(PatrolSheetRequest Request, int CellSizeM, string Scorer, int Incidents, IReadOnlyList<PatrolSheetUnit> Units)
{
    /// <summary>True when the sheet fell back to the recent-count baseline because no trained cell model covers its communes and day yet.</summary>
    public bool ModelPending { get; init; }

    /// <summary>The day the cell model was trained for (null when the sheet was not scored by it).</summary>
    public DateOnly? ModelCutoff { get; init; }

    /// <summary>First day of the history read for the hours (the last day is the day before the sheet).</summary>
    public DateOnly HoursFrom { get; init; }

    /// <summary>All the sheet's cells together, and all its communes together.</summary>
    public TimeOfWeekTable CellSetHours { get; init; } = new();
    public TimeOfWeekTable AreaHours { get; init; } = new();

    /// <summary>True when some commune's forecast is by shift (enough timed incidents); false = the whole sheet is daily.</summary>
    public bool ByShift => Units.Any(u => u.Hours?.Basis is not (null or ShiftBasis.Daily));
}

/// <summary>
/// Builds the patrol sheet: the caller's grid squares on the day (<see cref="PlaceQueries"/>, area-scoped), scored for the
/// week (a day = the week's forecast ÷ 7) by the province's trained cell model when <see cref="CellModelRegistry"/> has one
/// (the whole province is scored server-side, only the caller's squares are kept), else by the registered
/// <see cref="ICellScorer"/> (the recent-count baseline) and the sheet says so; then per commune the top cells with
/// the exploration share (<see cref="CellPatrolPlanner"/>). The cell-level feedback guard: history without patrol finds.
/// </summary>
public sealed class PatrolSheetService(PlaceQueries places, TimeOfWeekQueries hours, ICellScorer scorer, IOptions<GridOptions> options,
    IOptions<ShiftOptions> shiftOptions, CellModelRegistry models, CellScoreCache cache, PatrolAssignmentText explain)
{
    /// <summary>What the sheet (and the cell model's training) reads: reported incidents only, not patrol finds (the feedback guard).</summary>
    public static PlaceLoadOptions LoadOptions => new() { ReportedOnly = true };

    public GridOptions Options => options.Value;

    public ShiftOptions ShiftOptions => shiftOptions.Value;

    public async Task<PatrolSheet> BuildAsync(AreaScope scope, PatrolSheetRequest request, CancellationToken ct = default)
    {
        int size = Options.CellSizeM;
        var input = await places.ScoringInputAsync(scope, size, request.Day, ForecastHorizon.Week, LoadOptions, ct);
        var (forecasts, scorerName, model) = await ScoreAsync(scope, input, size, request.Day, ct);
        double scale = request.Period == SheetPeriod.Day ? 1.0 / 7 : 1;
        var lastPatrols = await places.LastPatrolsAsync(scope, size, request.Day, ct);
        var candidatesByUnit = new List<(int UnitId, List<CellCandidate> Candidates)>();
        foreach (var unit in input.Cells.Select((c, k) => (Cell: c, Forecast: forecasts[k])).GroupBy(x => x.Cell.UnitId).OrderBy(g => g.Key))
            candidatesByUnit.Add((unit.Key, unit.Select(x => new CellCandidate(
                x.Forecast with { Score = x.Forecast.Score * scale, Low = x.Forecast.Low * scale, High = x.Forecast.High * scale },
                lastPatrols.TryGetValue(x.Cell.Id, out var last) ? request.Day.DayNumber - last.DayNumber + 1 : null)).ToList()));
        IReadOnlyList<CellAssignment> Plan(int unitId, IReadOnlyList<CellCandidate> candidates) => CellPatrolPlanner.Plan(candidates, request.Top,
            new CellPatrolOptions { ExplorationShare = request.ExplorationShare, Seed = request.Day.DayNumber ^ unitId });
        var plans = candidatesByUnit.Select(u => (u.UnitId, Cells: u.Candidates.Count, Plan: Plan(u.UnitId, u.Candidates))).ToList();

        // when the incidents happen: per commune and per sheet cell, over the history before the sheet (patrol finds left out)
        var shifts = ShiftOptions;
        var hoursFrom = request.Day.AddDays(-shifts.HistoryDays);
        var communeHours = (await hours.PerCommuneAsync(scope, request.Day, hoursFrom, request.Day, reportedOnly: true, ct)).ToDictionary(c => c.UnitId);
        var cellHours = await hours.PerCellAsync(scope, size, plans.SelectMany(p => p.Plan.Select(a => a.Forecast.CellId)).ToList(),
            hoursFrom, request.Day, reportedOnly: true, ct);
        var unitHours = new Dictionary<int, PatrolSheetHours>();
        var unitNotes = new Dictionary<int, ShiftNote>();
        for (int k = 0; k < plans.Count; k++)
        {
            var (unitId, cells, plan) = plans[k];
            var commune = communeHours.TryGetValue(unitId, out var c) ? c.Table : new TimeOfWeekTable();
            var cellSet = TimeOfWeekTable.Sum(plan.Select(a => cellHours[a.Forecast.CellId]));
            var basis = ShiftShares.Choose(cellSet.Timed, commune.Timed, shifts.MinTimedIncidents);
            var shares = basis == ShiftBasis.Daily ? null
                : ShiftShares.Of(basis == ShiftBasis.CellSet ? cellSet : commune, shifts.Effective, shifts.PriorStrength);
            var applied = request.Shift is { } shift ? shares?.Single(s => s.Shift == shift) : null;
            if (applied is not null)
            {
                // a commune-wide factor: the ranking and the exploration draw are unchanged, the numbers and reasons become the shift's
                var scaled = candidatesByUnit[k].Candidates.Select(x => x with { Forecast = ShiftShares.Scale(x.Forecast, applied.Share) }).ToList();
                unitNotes[unitId] = new ShiftNote(applied, basis, request.Period == SheetPeriod.Week);
                plans[k] = (unitId, cells, Plan(unitId, scaled));
            }
            else if (request.Shift is { } asked)
            {
                unitNotes[unitId] = new ShiftNote(new ShiftShare(asked, 0, Math.Max(cellSet.Timed, commune.Timed), 0, 0), basis,
                    request.Period == SheetPeriod.Week);
            }
            unitHours[unitId] = new PatrolSheetHours(commune, cellSet, basis, shares) { Applied = applied };
        }

        var info = (await places.CellInfoAsync(scope, size, request.Day, plans.SelectMany(p => p.Plan.Select(a => a.Forecast.CellId)).ToList(), ct))
            .ToDictionary(c => c.Id);
        var units = plans
            .Select(p => (p, Cells: p.Plan.Where(a => info.ContainsKey(a.Forecast.CellId)).Select(a => new PatrolSheetCell(a, info[a.Forecast.CellId])).ToList()))
            .Where(x => x.Cells.Count > 0)
            .Select(x => new PatrolSheetUnit(x.p.UnitId, x.Cells[0].Info.UnitCode, x.Cells[0].Info.UnitName, x.p.Cells, x.Cells)
            {
                Hours = unitHours[x.p.UnitId], ShiftNote = unitNotes.GetValueOrDefault(x.p.UnitId),
            })
            .OrderBy(u => u.Code, StringComparer.Ordinal)
            .ToList();
        return new PatrolSheet(request, size, scorerName, input.History.Count, units)
        {
            ModelPending = model is null && input.Cells.Count > 0,
            ModelCutoff = model?.Cutoff,
            HoursFrom = hoursFrom,
            CellSetHours = TimeOfWeekTable.Sum(units.Select(u => u.Hours!.CellSet)),
            AreaHours = TimeOfWeekTable.Sum(units.Select(u => u.Hours!.Commune)),
        };
    }

    // The province's model scores the whole province's input (read here with the province scope, server-side only: its cells
    // and forecasts never leave this method); the caller's squares keep their forecasts, the rest is dropped. Either ranking
    // is cached (CellScoreCache) under the scope it was scored for, the scorer's version and that scope's data version, and
    // read back only through the caller's own cells.
    private async Task<(IReadOnlyList<CellForecast> Forecasts, string Scorer, TrainedCellModel? Model)> ScoreAsync(AreaScope scope,
        CellScoringInput input, int size, DateOnly day, CancellationToken ct)
    {
        if (input.Cells.Count == 0) return ([], scorer.Name, null);
        var model = models.For(input.Cells.Select(c => c.UnitId).ToHashSet(), size, ForecastHorizon.Week, day);
        if (model is not null)
        {
            var provinceScope = AreaScope.Province(model.ProvinceCode);
            var key = new CellScoreKey(provinceScope.ToString(), size, day, ForecastHorizon.Week,
                $"{model.Scorer.Name}@{model.TrainedAt.UtcTicks}", await places.DataVersionAsync(provinceScope, ct));
            var all = await cache.GetOrScoreAsync(key, async token =>
            {
                var province = await places.ScoringInputAsync(provinceScope, size, day, ForecastHorizon.Week, LoadOptions, token);
                return models.Score(model, province).ToDictionary(f => f.CellId);
            }, ct);
            if (input.Cells.All(c => all.ContainsKey(c.Id)))
                return (input.Cells.Select(c => all[c.Id]).ToArray(), model.Scorer.Name, model);
        }
        var own = new CellScoreKey(scope.ToString(), size, day, ForecastHorizon.Week, scorer.Name, await places.DataVersionAsync(scope, ct));
        var mine = await cache.GetOrScoreAsync(own, _ => Task.FromResult<IReadOnlyDictionary<long, CellForecast>>(
            scorer.Score(input).ToDictionary(f => f.CellId)), ct);
        if (input.Cells.All(c => mine.ContainsKey(c.Id)))
            return (input.Cells.Select(c => mine[c.Id]).ToArray(), scorer.Name, null);
        return (scorer.Score(input), scorer.Name, null); // the grid changed under the cached ranking
    }

    /// <summary>Records the sheet as patrolled: exposure per cell for its period, inside the scope only; returns the rows written.</summary>
    public Task<int> RecordAsync(CellExposureRecorder recorder, AreaScope scope, PatrolSheet sheet, string actor, CancellationToken ct = default) =>
        recorder.RecordAsync(scope, sheet.CellSizeM, sheet.Request.Day, sheet.Request.EndExclusive,
            sheet.Units.SelectMany(u => u.Cells.Select(c => new RecordedCell(c.Info.Id, c.Assignment.Exploration))).ToList(),
            Options.PatrolDaysPerCell * (sheet.Request.Period == SheetPeriod.Week ? 7 : 1), actor, ct);

    /// <summary>
    /// The sheet's cells as GeoJSON (for phones and the map): rank, score, interval, exploration, and <c>reasons</c>: the
    /// explanation sentence in the request's language (<see cref="PatrolAssignmentText"/>).
    /// </summary>
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
                shift = sheet.Request.Shift?.Code,
                reasons = explain.Cell(c.Assignment, u.ShiftNote),
                lat = Math.Round(c.Info.Lat, 5),
                lon = Math.Round(c.Info.Lon, 5),
            })))).ToList(), ct);
}
