using System.Globalization;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Places;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using DiaBan.Web.Hosting.Options;
using DiaBan.Web.Auth;
using DiaBan.Web.Places;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DiaBan.Web.Api;

/// <summary>
/// The patrol sheet of grid cells (issue 10) for phones and forms: GeoJSON of the top cells per commune in the caller's
/// area, and "recorded as patrolled" (form POST with antiforgery) writing exposure per cell. The page is /patrol/sheet.
/// </summary>
public static class PatrolSheetApi
{
    public static IEndpointRouteBuilder MapPatrolSheetApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/patrol").WithTags("Patrol sheet").RequireAuthorization(DiaBanPolicies.CanPlanPatrols)
            .RequireRateLimiting(SecurityLimits.ExpensivePolicy);
        api.MapGet("/sheet.geojson", GetGeoJsonAsync)
            .WithSummary("Top grid cells per commune of the caller's area for ?day=YYYY-MM-DD&period=day|week&top=N&exploration=0..1: rank, expected incidents with interval, exploration, reasons (Vietnamese), centroid.")
            .Produces<string>(StatusCodes.Status200OK, Geo.Queries.GeoJson.MediaType);
        api.MapGet("/time-of-week", GetTimeOfWeekAsync)
            .WithSummary("When incidents happen, for ?period=2026|2026H1|2026Q3|2026-03[&cells=ID,ID…]: per commune of the caller's area (valid at the period's end) and for the listed grid cells, counts by day of week × hour (7 rows Monday first × 24 hours, Vietnamese local time), the incidents without a time, and the smoothed share per configured shift. Patrol finds are left out, as on the sheet.");
        api.MapPost("/sheet/record", RecordAsync)
            .WithMetadata(new RequireAntiforgeryTokenAttribute(true))
            .WithSummary("Records the sheet of the same parameters (form fields day, period, top, exploration) as patrolled: one exposure row per cell inside the caller's area; audited.");
        return app;
    }

    public static async Task<Results<GeoJsonResult, ProblemHttpResult>> GetGeoJsonAsync(HttpContext http, PatrolSheetService sheets,
        string? day, string? period, int? top, double? exploration, string? shift, CancellationToken ct)
    {
        var (request, problem) = Parse(sheets, day, period, top, exploration, shift);
        if (problem is not null) return problem;
        var scope = UserAreaScope.For(http.User);
        var sheet = await sheets.BuildAsync(scope, request!, ct);
        return new GeoJsonResult(await sheets.GeoJsonAsync(scope, sheet, ct));
    }

    public sealed record RecordResponse(int Cells, DateOnly From, DateOnly To);

    public static async Task<Results<Ok<RecordResponse>, ProblemHttpResult>> RecordAsync(HttpContext http, PatrolSheetService sheets,
        CellExposureRecorder recorder, [FromForm] string? day, [FromForm] string? period, [FromForm] int? top, [FromForm] double? exploration,
        [FromForm] string? shift, CancellationToken ct)
    {
        var (request, problem) = Parse(sheets, day, period, top, exploration, shift);
        if (problem is not null) return problem;
        var scope = UserAreaScope.For(http.User);
        var sheet = await sheets.BuildAsync(scope, request!, ct);
        var count = await sheets.RecordAsync(recorder, scope, sheet, WebActor.Of(http.User), ct);
        return TypedResults.Ok(new RecordResponse(count, request!.Day, request.EndExclusive));
    }

    /// <summary>Reads the sheet parameters; each bad one is named in the answer.</summary>
    public static (PatrolSheetRequest? Request, ProblemHttpResult? Problem) Parse(PatrolSheetService sheets, string? day, string? period, int? top,
        double? exploration, string? shift = null)
    {
        var options = sheets.Options;
        if (day is null || !DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            || first.Year is < ApiInput.FirstYear or > ApiInput.LastYear)
            return (null, ApiProblems.BadRequest("day: a date YYYY-MM-DD / ngày không hợp lệ"));
        SheetPeriod p;
        if (period is null or "day") p = SheetPeriod.Day;
        else if (period == "week") p = SheetPeriod.Week;
        else return (null, ApiProblems.BadRequest("period: day or week / kỳ: day hoặc week"));
        int n = top ?? options.DefaultTopCells;
        if (n < 1 || n > options.MaxTopCells) return (null, ApiProblems.BadRequest($"top: 1–{options.MaxTopCells} cells / số ô 1–{options.MaxTopCells}"));
        double e = exploration ?? options.ExplorationShare;
        if (!ApiInput.IsFinite(e, 0, 1)) return (null, ApiProblems.BadRequest("exploration: 0–1 / tỷ lệ thăm dò 0–1"));
        Shift? chosen = null;
        if (!string.IsNullOrEmpty(shift) && shift != "day")
        {
            var shifts = sheets.ShiftOptions.Effective;
            chosen = Shift.TryParse(shift);
            if (chosen is null || !shifts.Contains(chosen))
                return (null, ApiProblems.BadRequest($"shift: day or one of {string.Join(", ", shifts.Select(s => s.Code))} / ca không hợp lệ"));
        }
        return (new PatrolSheetRequest(first, p, n, e) { Shift = chosen }, null);
    }

    /// <summary>Counts of one table: 7 rows (Monday first) × 24 hours, Vietnamese local time; incidents without a time apart; shares per shift.</summary>
    public sealed record HoursJson(int Timed, int Untimed, int[][] Counts, IReadOnlyList<ShiftShareJson> Shifts);

    /// <summary>A shift's share of the timed incidents: raw (timed / all timed) and smoothed toward hours ÷ 24.</summary>
    public sealed record ShiftShareJson(string Shift, int Hours, int Timed, double RawShare, double Share);

    public sealed record CommuneHoursJson(string Code, string Name, HoursJson Hours);

    public sealed record TimeOfWeekResponse(string Period, DateOnly From, DateOnly To, string TimeZone, int MinTimedIncidents, double PriorStrength,
        IReadOnlyList<CommuneHoursJson> Communes, HoursJson? Cells);

    /// <summary>Most cells one request may list (a sheet of the whole province at most: 25 per commune × ~100 communes).</summary>
    public const int MaxCells = 5000;

    public static async Task<Results<Ok<TimeOfWeekResponse>, ProblemHttpResult>> GetTimeOfWeekAsync(HttpContext http, TimeOfWeekQueries queries,
        PatrolSheetService sheets, string? period, string? cells, CancellationToken ct)
    {
        var (p, problem) = ApiInput.Period(period);
        if (problem is not null) return problem;
        var ids = new List<long>();
        foreach (var part in (cells ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !ValidCellId(id))
                return ApiProblems.BadRequest($"cells: '{part}' is not a grid cell id / mã ô không hợp lệ");
            ids.Add(id);
        }
        if (ids.Count > MaxCells) return ApiProblems.BadRequest($"cells: at most {MaxCells} / tối đa {MaxCells} ô");
        var options = sheets.ShiftOptions;
        var scope = UserAreaScope.For(http.User);
        var range = p!.Value;
        var communes = await queries.PerCommuneAsync(scope, range.End, range.Start, range.EndExclusive, reportedOnly: true, ct);
        HoursJson? cellSet = null;
        if (ids.Count > 0)
        {
            var tables = await queries.PerCellAsync(scope, sheets.Options.CellSizeM, ids, range.Start, range.EndExclusive, reportedOnly: true, ct);
            cellSet = Hours(TimeOfWeekTable.Sum(tables.Values), options);
        }
        return TypedResults.Ok(new TimeOfWeekResponse(range.Code, range.Start, range.End, VietnamTime.ZoneId, options.MinTimedIncidents, options.PriorStrength,
            communes.Select(c => new CommuneHoursJson(c.Code, c.Name, Hours(c.Table, options))).ToList(), cellSet));
    }

    private static bool ValidCellId(long id)
    {
        if (id <= 0) return false;
        var (srid, _, _) = GridCellKey.Parse(id);
        return srid is >= 32601 and <= 32660;
    }

    private static HoursJson Hours(TimeOfWeekTable table, ShiftOptions options) => new(table.Timed, table.Untimed, table.Rows(),
        ShiftShares.Of(table, options.Effective, options.PriorStrength)
            .Select(s => new ShiftShareJson(s.Shift.Code, s.Shift.Hours, s.Timed, Math.Round(s.RawShare, 4), Math.Round(s.Share, 4))).ToList());
}
