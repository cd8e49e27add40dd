using DiaBan.Geo.Hosting;
using DiaBan.Web.Api;
using Microsoft.AspNetCore.DataProtection;

namespace DiaBan.Web.Auth;

/// <summary>The two Program lines of the security controls: rate limits, area-scoped views, protected keys, headers, session checks.</summary>
public static class SecurityServiceExtensions
{
    public static IServiceCollection AddDiaBanSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDiaBanRateLimits(configuration);
        services.AddSingleton<AreaDensity>();
        services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
        services.AddAntiforgery(antiforgery => antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddDataProtection().SetApplicationName("DiaBan").PersistKeysToFileSystem(KeysFolder(configuration));
        return services;
    }

    /// <summary>After UseAuthentication, before UseAuthorization: the rate limiter and session checks need the signed-in user.</summary>
    public static WebApplication UseDiaBanSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts(); // sent on HTTPS requests only, so plain-HTTP loopback runs are unaffected
        }
        app.UseDiaBanSecurityHeaders(app.Configuration["Map:TileUrl"]);
        app.UseMiddleware<SessionValidation>();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// Data-protection keys (they sign cookies and tokens) in DataProtection:KeysFolder, else &lt;DIABAN_HOME&gt;/.diaban/keys,
    /// readable by the app's user only (mode 700) instead of the unprotected default in the home folder.
    /// </summary>
    public static DirectoryInfo KeysFolder(IConfiguration configuration)
    {
        var path = configuration["DataProtection:KeysFolder"];
        if (string.IsNullOrWhiteSpace(path)) path = Path.Combine(DiaBanHome.Resolve(), ".diaban", "keys");
        var folder = OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return folder;
    }
}
