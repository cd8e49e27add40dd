using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DiaBan.Web.Auth;

public static class AuthServiceExtensions
{
    // The name AddIdentityApiEndpoints gives its cookie-or-bearer scheme (IdentityConstants keeps the constant internal).
    private const string CompositeScheme = "Identity.BearerAndApplication";

    public const string CookieName = "diaban.auth";

    /// <summary>Short-lived access tokens; clients renew them with POST /api/auth/refresh (checked against the security stamp).</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromHours(12);

    /// <summary>
    /// Identity with roles, a cookie for the browser and bearer tokens for the API behind one composite scheme,
    /// and a fallback policy so that every endpoint needs a signed-in user unless it says otherwise.
    /// </summary>
    public static IServiceCollection AddDiaBanAuth(this IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        services.AddDbContext<AuthDb>((sp, options) => AuthDb.ConfigureNpgsql(options, connectionString(sp)));

        services.AddIdentityApiEndpoints<DiaBanUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                // failed passwords never lock (DiaBanSignInManager; SignInThrottle slows guessers); administrators can still lock
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AuthDb>()
            .AddUserManager<DiaBanUserManager>()
            .AddSignInManager<DiaBanSignInManager>()
            .AddClaimsPrincipalFactory<DiaBanClaimsFactory>();

        services.Configure<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>(IdentityConstants.BearerScheme, bearer =>
        {
            bearer.BearerTokenExpiration = AccessTokenLifetime;
            bearer.RefreshTokenExpiration = RefreshTokenLifetime;
        });

        // Identity's composite scheme challenges with the bearer handler (a bare 401); send browsers to the login form
        // instead (the cookie handler still answers API paths with 401/403, see RedirectOrStatus).
        services.Configure<AuthenticationSchemeOptions>(CompositeScheme, composite =>
        {
            composite.ForwardChallenge = IdentityConstants.ApplicationScheme;
            composite.ForwardForbid = IdentityConstants.ApplicationScheme;
        });

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/access-denied"; // signed in but not allowed: say so, not the login form
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure whenever served over HTTPS
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            // An API caller gets a status code, not a redirect to the HTML login form.
            cookie.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();
        services.AddScoped<SignInAudit>();
        services.AddScoped<PasswordSignIn>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<TwoFactorPolicy>();
        services.AddScoped<AuthenticatorEnrolment>();
        services.AddScoped<UserAdministration>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (Hosting.WebPipeline.IsApi(context.Request))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
