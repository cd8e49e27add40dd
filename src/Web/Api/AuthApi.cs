using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace DiaBan.Web.Api;

/// <summary>Token login for API clients; the browser signs in through the login form instead.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Auth");
        api.MapPost("/login", LoginAsync)
            .AllowAnonymous()
            .WithSummary("Exchange email and password for a bearer token (Identity bearer token format).");
        return app;
    }

    public sealed record LoginRequest(string Email, string Password);

    // The bearer handler writes the token JSON ({tokenType, accessToken, expiresIn, refreshToken}) during sign-in.
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest login, SignInManager<DiaBanUser> signInManager, SignInAudit audit)
    {
        signInManager.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signInManager.PasswordSignInAsync(login.Email, login.Password, isPersistent: false, lockoutOnFailure: true);
        await audit.RecordAsync(login.Email, result, channel: "api");
        if (!result.Succeeded)
        {
            return TypedResults.Problem(
                title: "Đăng nhập không thành công / Sign-in failed",
                detail: result.IsLockedOut ? "locked out" : "wrong email or password",
                statusCode: StatusCodes.Status401Unauthorized);
        }
        return TypedResults.Empty;
    }
}
