using System.Globalization;
using DiaBan.Geo.Data;
using DiaBan.Geo.Queries;
using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>GET /api/units: administrative units valid on a date, as GeoJSON, limited to the caller's area.</summary>
public static class UnitsApi
{
    public static IEndpointRouteBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/units").WithTags("Units")
            .MapGet("", GetUnitsAsync)
            .WithSummary("Communes, districts (before 2025-07-01) or provinces valid on a date (RFC 7946 FeatureCollection, geometry simplified for display).")
            .Produces<string>(StatusCodes.Status200OK, GeoJson.MediaType);
        return app;
    }

    public static async Task<Results<GeoJsonResult, ProblemHttpResult>> GetUnitsAsync(
        HttpContext http, UnitQueries queries, string? level, string? date, CancellationToken ct)
    {
        UnitLevel unitLevel;
        switch (level ?? "commune")
        {
            case "commune": unitLevel = UnitLevel.Commune; break;
            case "province": unitLevel = UnitLevel.Province; break;
            case "district": unitLevel = UnitLevel.District; break; // before 2025-07-01 only: none are valid after
            default: return ApiProblems.BadRequest("level must be 'commune', 'district' or 'province'");
        }
        var day = DateOnly.FromDateTime(DateTime.Today);
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return ApiProblems.BadRequest("date must be YYYY-MM-DD");
        }
        var geojson = await queries.FeatureCollectionAsync(unitLevel, day, UserAreaScope.For(http.User), ct);
        return new GeoJsonResult(geojson);
    }
}
