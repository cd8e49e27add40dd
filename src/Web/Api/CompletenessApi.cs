using DiaBan.Analytics.Planning.Completeness;
using DiaBan.Geo.Queries;
using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>GET /api/completeness: data completeness of a year per commune, area and in total, limited to the caller's area.</summary>
public static class CompletenessApi
{
    public static IEndpointRouteBuilder MapCompletenessApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/completeness").WithTags("Completeness")
            .MapGet("", GetAsync)
            .WithSummary("Share of the figures the rule set needs that are present, and whether they arrived by the deadline (15 January of the next year), per commune valid at the year's end, per district or province, and in total.");
        return app;
    }

    public static async Task<Results<Ok<CompletenessReport>, ProblemHttpResult>> GetAsync(
        HttpContext http, CompletenessQueries queries, TimeProvider clock, int? year, CancellationToken ct)
    {
        if (year is not { } y || !ApiInput.IsYear(y)) return ApiProblems.BadRequest($"year is required, {ApiInput.FirstYear}–{ApiInput.LastYear}");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return TypedResults.Ok(await queries.ForYearAsync(y, UserAreaScope.For(http.User), today, ct));
    }
}
