using DiaBan.Geo.Queries;
using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>GET /api/status: commune statuses of a year as GeoJSON, limited to the caller's area.</summary>
public static class StatusApi
{
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/status").WithTags("Status");
        api.MapGet("", GetStatusAsync)
            .WithSummary("Communes valid at the end of ?period= (2026, 2026H1, 2026Q3, 2026-03; or the old ?year=) with the status of the year containing the period's end (statuses are yearly): official when recorded, else computed, rule set, regime and the criteria that held.")
            .Produces<string>(StatusCodes.Status200OK, GeoJson.MediaType);
        api.MapGet("/years", GetYearsAsync)
            .WithSummary("Years that have assessments in the caller's area.");
        api.MapGet("/history/{code}", GetHistoryAsync)
            .WithSummary("Every assessment of a commune (the one with this code at the end of ?year, else any), of the communes merged into it and of those it merged into, by year.");
        return app;
    }

    public static async Task<Results<GeoJsonResult, ProblemHttpResult>> GetStatusAsync(
        HttpContext http, StatusQueries queries, int? year, string? period, CancellationToken ct)
    {
        var (p, problem) = ApiInput.Period(period, year);
        if (p is not { } chosen) return problem!;
        // a yearly classification: any period shows the status of its calendar year (docs/planning.md, "Periods")
        return new GeoJsonResult(await queries.FeatureCollectionAsync(chosen.CalendarYear, UserAreaScope.For(http.User), ct));
    }

    // Not found and out of the caller's area answer the same, so the API does not reveal which codes exist elsewhere.
    public static async Task<Results<Ok<IReadOnlyList<UnitStatus>>, NotFound>> GetHistoryAsync(
        HttpContext http, StatusQueries queries, string code, int? year, CancellationToken ct)
    {
        var rows = await queries.HistoryAsync(code, year, UserAreaScope.For(http.User), ct);
        return rows.Count == 0 ? TypedResults.NotFound() : TypedResults.Ok(rows);
    }

    public static async Task<Ok<IReadOnlyList<int>>> GetYearsAsync(HttpContext http, StatusQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.YearsAsync(UserAreaScope.For(http.User), ct));
}
