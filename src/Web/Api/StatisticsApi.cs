using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Statistics.Runs;
using DiaBan.Geo.Queries;
using DiaBan.Geo.Services;
using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>
/// GET /api/hotspots, /api/clusters, /api/emerging, /api/density: the map's statistics layers as GeoJSON (sign-in
/// required by the fallback policy). Each statistic is computed on the whole province(s) of the caller's area — a
/// commune's Gi*, LISA or EHSA depends on all its neighbours, also those outside the area — and only THEN filtered to
/// the caller's communes (StatisticsLayers.FeatureCollectionAsync; density cells by the area's polygons).
/// </summary>
public static class StatisticsApi
{
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Statistics").RequireAuthorization(DiaBanPolicies.CanViewStatistics)
            .RequireRateLimiting(SecurityLimits.ExpensivePolicy);
        api.MapGet("/hotspots", GetHotSpotsAsync)
            .WithSummary("Getis–Ord Gi* of an indicator (default incidents) for ?period= (2026, 2026H1, 2026Q3, 2026-03; or the old ?year=) on the communes valid at its end — incidents counted over the period, reported figures of its year: g, z, p and the 90/95/99% bin, FDR-corrected by default.")
            .Produces<string>(StatusCodes.Status200OK, GeoJson.MediaType);
        api.MapGet("/clusters", GetClustersAsync)
            .WithSummary("Local Moran's I (LISA) of an indicator for ?period= (or ?year=): I, permutation z and pseudo p (999 draws, seed 1), cluster HH/LL/LH/HL at p < 0.05.")
            .Produces<string>(StatusCodes.Status200OK, GeoJson.MediaType);
        api.MapGet("/emerging", GetEmergingAsync)
            .WithSummary("Emerging Hot Spot Analysis of quarterly incidents from..to (YYYYQn), or the quarters of ?period= (a year or half; at least 3 quarters), on the communes valid at the end: category code and Vietnamese label, Mann–Kendall trend z and p.")
            .Produces<string>(StatusCodes.Status200OK, GeoJson.MediaType);
        api.MapGet("/density", GetDensityAsync)
            .WithSummary("Quartic kernel density of the incidents from..to (YYYYQn) or of ?period= (its exact dates, a month included) on a coarse grid: cells of at least 5% of the peak, density per km².")
            .Produces<string>(StatusCodes.Status200OK, GeoJson.MediaType);
        return app;
    }

    public static Task<Results<GeoJsonResult, ProblemHttpResult>> GetHotSpotsAsync(HttpContext http, HotSpotService service, StatisticsGeoJson geoJson,
        string? indicator, int? year, string? period, bool? fdr, string? measure, string? weights, CancellationToken ct) =>
        LocalAsync(http, service, geoJson, LocalStatistic.GiStar, indicator, year, period, fdr ?? true, measure, weights, ct);

    public static Task<Results<GeoJsonResult, ProblemHttpResult>> GetClustersAsync(HttpContext http, HotSpotService service, StatisticsGeoJson geoJson,
        string? indicator, int? year, string? period, bool? fdr, string? measure, string? weights, CancellationToken ct) =>
        LocalAsync(http, service, geoJson, LocalStatistic.LocalMoran, indicator, year, period, fdr ?? false, measure, weights, ct);

    public static async Task<Results<GeoJsonResult, ProblemHttpResult>> GetEmergingAsync(HttpContext http, HotSpotService service, StatisticsGeoJson geoJson,
        string? from, string? to, string? period, string? measure, string? weights, CancellationToken ct)
    {
        var (span, spanProblem) = Span(from, to, period);
        if (span is not { } s) return spanProblem!;
        if (Options(measure, weights) is not { } o) return ApiProblems.BadRequest("measure must be count or rate; weights queen, rook, knn:K or band:METRES");
        var scope = UserAreaScope.For(http.User);
        using var budget = RequestBudget.Start(ct);
        try
        {
            var options = new QuarterlyEmergingOptions { Measure = o.Measure, Weights = o.Weights };
            var result = await service.EmergingAsync(s.From, s.To, scope, options, budget.Token);
            return new GeoJsonResult(await geoJson.EmergingAsync(result, scope, budget.Token));
        }
        catch (OperationCanceledException) when (budget.Expired)
        {
            return RequestBudget.Exceeded();
        }
        catch (StatisticsUnavailableException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }
    }

    public static async Task<Results<GeoJsonResult, ProblemHttpResult>> GetDensityAsync(HttpContext http, AreaDensity density,
        string? from, string? to, string? period, double? radius, CancellationToken ct)
    {
        ReportPeriod? chosen = null;
        (CalendarQuarter From, CalendarQuarter To)? span = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            var (p, problem) = ApiInput.Period(period);
            if (p is null) return problem!;
            chosen = p;
        }
        else if ((span = ApiInput.QuarterSpan(from, to)) is null) return ApiProblems.BadRequest(ApiInput.QuarterSpanRule + $"; or period= {ReportPeriod.Forms}");
        if (radius is { } r && !(r is > 0 and <= 100_000)) return ApiProblems.BadRequest("radius is a search radius in metres, 0 < radius ≤ 100000");
        using var budget = RequestBudget.Start(ct);
        try
        {
            var result = chosen is { } p
                ? await density.DensityAsync(p, UserAreaScope.For(http.User), radius, budget.Token)
                : await density.DensityAsync(span!.Value.From, span.Value.To, UserAreaScope.For(http.User), radius, budget.Token);
            return new GeoJsonResult(StatisticsGeoJson.Density(result));
        }
        catch (OperationCanceledException) when (budget.Expired)
        {
            return RequestBudget.Exceeded();
        }
        catch (StatisticsUnavailableException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }
    }

    private static async Task<Results<GeoJsonResult, ProblemHttpResult>> LocalAsync(HttpContext http, HotSpotService service, StatisticsGeoJson geoJson,
        LocalStatistic statistic, string? indicator, int? year, string? period, bool fdr, string? measure, string? weights, CancellationToken ct)
    {
        indicator ??= StatisticsLayers.Incidents;
        if (!StatisticsLayers.IsIndicator(indicator)) return ApiProblems.BadRequest($"indicator must be one of {string.Join(", ", StatisticsLayers.Indicators)}");
        var (p, periodProblem) = ApiInput.Period(period, year);
        if (p is not { } chosen) return periodProblem!;
        if (Options(measure, weights) is not { } o) return ApiProblems.BadRequest("measure must be count or rate; weights queen, rook, knn:K or band:METRES");
        var scope = UserAreaScope.For(http.User);
        using var budget = RequestBudget.Start(ct);
        try
        {
            var options = new LayerRunOptions { Fdr = fdr, Measure = o.Measure, Weights = o.Weights };
            var result = await service.LocalAsync(statistic, indicator, chosen, scope, options, budget.Token);
            return new GeoJsonResult(await geoJson.LocalAsync(result, scope, budget.Token));
        }
        catch (OperationCanceledException) when (budget.Expired)
        {
            return RequestBudget.Exceeded();
        }
        catch (StatisticsUnavailableException e)
        {
            return ApiProblems.BadRequest(e.Message);
        }
    }

    // from..to quarters, or the quarters a period covers (period= wins when both are given)
    internal static ((CalendarQuarter From, CalendarQuarter To)? Span, ProblemHttpResult? Problem) Span(string? from, string? to, string? period)
    {
        if (!string.IsNullOrWhiteSpace(period))
        {
            var (p, problem) = ApiInput.Period(period);
            return p is { } chosen ? ((chosen.First, chosen.Last), null) : (null, problem);
        }
        return ApiInput.QuarterSpan(from, to) is { } span
            ? (span, null)
            : (null, ApiProblems.BadRequest(ApiInput.QuarterSpanRule + $"; or period= {ReportPeriod.Forms}"));
    }

    internal static (StatisticsMeasure Measure, WeightsSpec Weights)? Options(string? measure, string? weights)
    {
        try
        {
            return (StatisticsMeasures.Parse(measure), weights is null ? WeightsSpec.Queen : WeightsSpec.Parse(weights));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
