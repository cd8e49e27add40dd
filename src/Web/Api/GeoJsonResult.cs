using DiaBan.Geo.Queries;

namespace DiaBan.Web.Api;

/// <summary>A GeoJSON document built in PostGIS, written as is with the RFC 7946 media type.</summary>
public sealed class GeoJsonResult(string geojson) : IResult
{
    public string GeoJson { get; } = geojson;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = DiaBan.Geo.Queries.GeoJson.MediaType;
        return httpContext.Response.WriteAsync(GeoJson, httpContext.RequestAborted);
    }
}
