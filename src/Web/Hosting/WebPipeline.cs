using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Hosting;

/// <summary>
/// Endpoint metadata of a file of wwwroot (MapStaticAssets): code and styles, never data. Such a request does not need
/// the account's row read again (<see cref="DiaBan.Web.Auth.SessionValidation"/>): the cookie's sign-in is enough.
/// </summary>
public sealed class StaticAsset
{
    public static readonly StaticAsset Marker = new();

    private StaticAsset() { }
}

/// <summary>The pieces of the request pipeline that need more than one line in Program.</summary>
public static class WebPipeline
{
    // Static files the anonymous login page needs; everything else under wwwroot (map module, Leaflet) needs a login.
    private static readonly string[] PublicAssetPrefixes = ["app.", "DiaBan.Web.", "_framework/", "Components/Layout/", "favicon"];

    public static WebApplication UseDiaBanErrorPages(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            // no exception detail outside Development: API callers get problem details, pages the Vietnamese error page
            app.UseWhen(IsApi, api => api.UseExceptionHandler());
            app.UseWhen(context => !IsApi(context), pages => pages.UseExceptionHandler("/Error", createScopeForErrors: true));
        }
        // API errors without a body become problem details; pages get the Vietnamese "not found" page.
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        app.UseWhen(context => !IsApi(context), pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        return app;
    }

    public static WebApplication MapDiaBanStaticAssets(this WebApplication app)
    {
        app.MapStaticAssets().Add(endpoint =>
        {
            endpoint.Metadata.Add(StaticAsset.Marker);
            if (endpoint is RouteEndpointBuilder route && IsPublicAsset(route.RoutePattern.RawText))
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            }
        });
        return app;
    }

    public static WebApplication MapDiaBanHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", HealthResponse.Options).AllowAnonymous();
        return app;
    }

    internal static bool IsPublicAsset(string? route)
    {
        var path = route?.TrimStart('/') ?? "";
        return PublicAssetPrefixes.Any(prefix => path.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>Machine-facing paths: they get status codes and problem details, never HTML pages or redirects.</summary>
    internal static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi") || IsTile(request);

    /// <summary>/tiles answers like the API (401, problem details) but may be kept by the browser and revalidated by ETag.</summary>
    internal static bool IsTile(HttpRequest request) => request.Path.StartsWithSegments("/tiles");

    private static bool IsApi(HttpContext context) => IsApi(context.Request);
}
