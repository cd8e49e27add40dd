using System.Text.RegularExpressions;

namespace DiaBan.Web.Auth;

/// <summary>
/// Response headers on every answer: a Content-Security-Policy without inline or eval'd scripts (Blazor server runs on
/// script-src 'self'), no MIME sniffing, no referrer, no framing; API data is never cached (vector tiles: kept privately, revalidated by ETag on every use). HSTS comes from UseHsts.
/// </summary>
public static partial class SecurityHeaders
{
    /// <summary>The policy; img-src also admits the configured basemap tile server (Map:TileUrl), if any.</summary>
    public static string ContentSecurityPolicy(string? tileUrl)
    {
        var tiles = TileOrigin(tileUrl);
        return "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + $"img-src 'self' data:{(tiles is null ? "" : " " + tiles)}; font-src 'self'; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    }

    public static IApplicationBuilder UseDiaBanSecurityHeaders(this IApplicationBuilder app, string? tileUrl)
    {
        var policy = ContentSecurityPolicy(tileUrl);
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                // a vector tile may stay in the browser's private cache: it revalidates every use (no-cache + ETag)
                if (Hosting.WebPipeline.IsTile(context.Request) && context.Response.StatusCode is 200 or 304)
                {
                    headers.CacheControl = "private, no-cache";
                }
                else if (Hosting.WebPipeline.IsApi(context.Request))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }
                return Task.CompletedTask;
            });
            await next(context);
        });
    }

    // "https://{s}.tile.example.org/{z}/{x}/{y}.png" -> "https://*.tile.example.org"
    private static string? TileOrigin(string? tileUrl)
    {
        var m = string.IsNullOrWhiteSpace(tileUrl) ? null : Origin().Match(tileUrl);
        return m is { Success: true } ? Regex.Replace(m.Value, @"\{[a-z]+\}", "*") : null;
    }

    [GeneratedRegex(@"^https?://[^/]+")]
    private static partial Regex Origin();
}
