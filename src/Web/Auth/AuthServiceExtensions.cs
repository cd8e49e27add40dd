using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace DiaBan.Web.Auth;

public static class AuthServiceExtensions
{
    // The name AddIdentityApiEndpoints gives its cookie-or-bearer scheme (IdentityConstants keeps the constant internal).
    private const string CompositeScheme = "Identity.BearerAndApplication";

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
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AuthDb>()
            .AddClaimsPrincipalFactory<DiaBanClaimsFactory>();

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
            cookie.AccessDeniedPath = "/login";
            cookie.Cookie.Name = "diaban.auth";
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
