using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Auth;

/// <summary>
/// Checks every signed-in request (cookie or bearer token) against the user's row: the account still exists, is not
/// locked, and its security stamp is the one the token was issued with. Sign-out, a lock, a role or password change
/// update the stamp or lock the account, so a stolen or outdated token stops working at once rather than in an hour.
/// A request that fails continues as anonymous: the API answers 401, pages send the browser to the login form.
/// Files of wwwroot (scripts, styles: <see cref="DiaBan.Web.Hosting.StaticAsset"/>) are not checked: they hold no data,
/// and the map page fetches a dozen of them at once, each of which would wait for a database round trip.
/// </summary>
public sealed class SessionValidation(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, UserManager<DiaBanUser> users, IOptions<IdentityOptions> options)
    {
        if (context.User.Identity?.IsAuthenticated == true && context.GetEndpoint()?.Metadata.GetMetadata<DiaBan.Web.Hosting.StaticAsset>() is null
            && !await IsCurrentAsync(context.User, users, options.Value))
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
            if (context.Request.Cookies.ContainsKey(AuthServiceExtensions.CookieName))
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            }
        }
        await next(context);
    }

    private static async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, UserManager<DiaBanUser> users, IdentityOptions options)
    {
        var id = principal.FindFirstValue(options.ClaimsIdentity.UserIdClaimType);
        var stamp = principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        if (id is null || stamp is null || await users.FindByIdAsync(id) is not { } user) return false;
        return user.SecurityStamp == stamp && !await users.IsLockedOutAsync(user);
    }
}
