using DiaBan.Analytics.Planning.Completeness;
using DiaBan.Geo.Queries;
using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>GET /api/completeness: data completeness of a period per commune, area and in total, limited to the caller's area.</summary>
public static class CompletenessApi
{
    public static IEndpointRouteBuilder MapCompletenessApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/completeness").WithTags("Completeness")
            .MapGet("", GetAsync)
            .WithSummary("Share of the figures the rule set needs that are present, and whether they arrived by the deadline (the 15th of the month after the period: 15 January for a year), per commune valid at the period's end, per district or province, and in total. ?period= 2026, 2026H1, 2026Q3 or 2026-03 (or the old ?year=); below a year only approved figures entered on the web count.");
        return app;
    }

    public static async Task<Results<Ok<CompletenessReport>, ProblemHttpResult>> GetAsync(
        HttpContext http, CompletenessQueries queries, TimeProvider clock, int? year, string? period, CancellationToken ct)
    {
        var (p, problem) = ApiInput.Period(period, year);
        if (p is not { } chosen) return problem!;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return TypedResults.Ok(await queries.ForPeriodAsync(chosen, UserAreaScope.For(http.User), today, ct));
    }
}
