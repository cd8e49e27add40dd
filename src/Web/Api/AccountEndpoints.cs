using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DiaBan.Web.Api;

/// <summary>Browser-side account actions: sign out (form POST with antiforgery) and the language switch.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", LogoutAsync)
            .WithMetadata(new RequireAntiforgeryTokenAttribute(true))
            .ExcludeFromDescription();
        app.MapGet("/account/culture", SetCulture).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    // Sign-out revokes: the new security stamp ends every session and token of the account (SessionValidation).
    private static async Task<RedirectHttpResult> LogoutAsync(
        HttpContext http, SignInManager<DiaBanUser> signInManager, SignInAudit audit)
    {
        await audit.RecordSignOutAsync(http.User);
        if (await signInManager.UserManager.GetUserAsync(http.User) is { } user)
        {
            await signInManager.UserManager.UpdateSecurityStampAsync(user);
        }
        await signInManager.SignOutAsync();
        return TypedResults.LocalRedirect("~/login");
    }

    private static RedirectHttpResult SetCulture(HttpContext http, string culture, string? returnUrl)
    {
        if (Localization.SupportedCultures.Contains(culture, StringComparer.OrdinalIgnoreCase))
        {
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
        }
        var target = string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//") ? "/" : returnUrl;
        return TypedResults.LocalRedirect(target);
    }
}
