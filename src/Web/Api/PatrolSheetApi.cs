using System.Globalization;
using DiaBan.Geo.Services;
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
        api.MapPost("/sheet/record", RecordAsync)
            .WithMetadata(new RequireAntiforgeryTokenAttribute(true))
            .WithSummary("Records the sheet of the same parameters (form fields day, period, top, exploration) as patrolled: one exposure row per cell inside the caller's area; audited.");
        return app;
    }

    public static async Task<Results<GeoJsonResult, ProblemHttpResult>> GetGeoJsonAsync(HttpContext http, PatrolSheetService sheets,
        string? day, string? period, int? top, double? exploration, CancellationToken ct)
    {
        var (request, problem) = Parse(sheets, day, period, top, exploration);
        if (problem is not null) return problem;
        var scope = UserAreaScope.For(http.User);
        var sheet = await sheets.BuildAsync(scope, request!, ct);
        return new GeoJsonResult(await sheets.GeoJsonAsync(scope, sheet, ct));
    }

    public sealed record RecordResponse(int Cells, DateOnly From, DateOnly To);

    public static async Task<Results<Ok<RecordResponse>, ProblemHttpResult>> RecordAsync(HttpContext http, PatrolSheetService sheets,
        CellExposureRecorder recorder, [FromForm] string? day, [FromForm] string? period, [FromForm] int? top, [FromForm] double? exploration,
        CancellationToken ct)
    {
        var (request, problem) = Parse(sheets, day, period, top, exploration);
        if (problem is not null) return problem;
        var scope = UserAreaScope.For(http.User);
        var sheet = await sheets.BuildAsync(scope, request!, ct);
        var count = await sheets.RecordAsync(recorder, scope, sheet, WebActor.Of(http.User), ct);
        return TypedResults.Ok(new RecordResponse(count, request!.Day, request.EndExclusive));
    }

    /// <summary>Reads the sheet parameters; each bad one is named in the answer.</summary>
    public static (PatrolSheetRequest? Request, ProblemHttpResult? Problem) Parse(PatrolSheetService sheets, string? day, string? period, int? top,
        double? exploration)
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
        return (new PatrolSheetRequest(first, p, n, e), null);
    }
}
