using DiaBan.Analytics.Domain;
using DiaBan.Geo.Data;
using DiaBan.Geo.Queries;
using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>
/// The map's point and line layers as GeoJSON (issue 9 §1), each limited to the caller's area in SQL:
/// GET /api/incidents, /api/businesses (points, at most <see cref="MapPointQueries.MaxFeatures"/>, the answer says how many
/// matched and whether it was cut) and /api/routes (lines).
/// </summary>
public static class PlacesApi
{
    public static IEndpointRouteBuilder MapPlacesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Places").RequireAuthorization(DiaBanPolicies.CanViewPlaces);
        api.MapGet("/incidents", GetIncidentsAsync)
            .WithSummary($"Incidents of the caller's area as GeoJSON points, newest first, at most {MapPointQueries.MaxFeatures:N0} (members matched, truncated, limit). Filters: from, to (yyyy-MM-dd), kind and source (comma-separated codes), bbox=minLon,minLat,maxLon,maxLat, limit.")
            .Produces<string>(StatusCodes.Status200OK, GeoJson.MediaType);
        api.MapGet("/businesses", GetBusinessesAsync)
            .WithSummary("Conditional businesses of the caller's area as GeoJSON points with open/closed and the last verified inspection. Filters: kind, open (true|false), bbox, limit.")
            .Produces<string>(StatusCodes.Status200OK, GeoJson.MediaType);
        api.MapGet("/routes", GetRoutesAsync)
            .WithSummary("Key drug routes as GeoJSON lines (name, kind, buffer in metres), cut to the caller's area.")
            .Produces<string>(StatusCodes.Status200OK, GeoJson.MediaType);
        return app;
    }

    public static async Task<Results<GeoJsonResult, ProblemHttpResult>> GetIncidentsAsync(HttpContext http, MapPointQueries queries,
        string? from, string? to, string? kind, string? source, string? bbox, string? limit, CancellationToken ct)
    {
        if (!ApiInput.TryOptionalDate(from, out var f)) return ApiProblems.BadRequest("from: a date yyyy-MM-dd (years 1990–2100)");
        if (!ApiInput.TryOptionalDate(to, out var t)) return ApiProblems.BadRequest("to: a date yyyy-MM-dd (years 1990–2100)");
        if (f is { } a && t is { } b && a > b) return ApiProblems.BadRequest("from must not be after to");
        if (!ApiInput.TryCodes<IncidentKind>(kind, out var kinds)) return ApiProblems.BadRequest($"kind: comma-separated codes of {ApiInput.CodesOf<IncidentKind>()}");
        if (!ApiInput.TryCodes<IncidentSource>(source, out var sources)) return ApiProblems.BadRequest($"source: comma-separated codes of {ApiInput.CodesOf<IncidentSource>()}");
        if (!ApiInput.TryOptionalBbox(bbox, out var box)) return ApiProblems.BadRequest(ApiInput.BboxRule);
        if (!CheckLimit(limit, out var max)) return ApiProblems.BadRequest(LimitRule);
        var filter = new IncidentFilter(f, t, kinds, sources, box, max);
        return new GeoJsonResult(await queries.IncidentsAsync(filter, UserAreaScope.For(http.User), ct));
    }

    public static async Task<Results<GeoJsonResult, ProblemHttpResult>> GetBusinessesAsync(HttpContext http, MapPointQueries queries,
        string? kind, string? open, string? bbox, string? limit, CancellationToken ct)
    {
        BusinessKind? k = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (!SnakeCase.TryParse<BusinessKind>(kind, out var parsed)) return ApiProblems.BadRequest($"kind: one of {ApiInput.CodesOf<BusinessKind>()}");
            k = parsed;
        }
        bool? isOpen = null;
        if (!string.IsNullOrWhiteSpace(open))
        {
            if (!bool.TryParse(open, out var o)) return ApiProblems.BadRequest("open: true or false");
            isOpen = o;
        }
        if (!ApiInput.TryOptionalBbox(bbox, out var box)) return ApiProblems.BadRequest(ApiInput.BboxRule);
        if (!CheckLimit(limit, out var max)) return ApiProblems.BadRequest(LimitRule);
        return new GeoJsonResult(await queries.BusinessesAsync(new BusinessFilter(k, isOpen, box, max), UserAreaScope.For(http.User), ct));
    }

    public static async Task<GeoJsonResult> GetRoutesAsync(HttpContext http, MapPointQueries queries, CancellationToken ct) =>
        new(await queries.RoutesAsync(UserAreaScope.For(http.User), ct));

    private static readonly string LimitRule = $"limit: 1–{MapPointQueries.MaxFeatures}";

    private static bool CheckLimit(string? limit, out int max)
    {
        max = MapPointQueries.MaxFeatures;
        if (string.IsNullOrWhiteSpace(limit)) return true;
        return int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out max)
            && max is >= 1 and <= MapPointQueries.MaxFeatures;
    }
}
