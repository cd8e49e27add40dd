using System.Security.Claims;
using DiaBan.Web.Auth;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Api;

/// <summary>
/// Token sign-in for API clients (the browser signs in through the login form instead): short-lived access tokens,
/// a refresh endpoint that re-checks the account, and sign-out that revokes every token of the account.
/// </summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Auth");
        api.MapPost("/login", LoginAsync)
            .AllowAnonymous()
            .RequireRateLimiting(SecurityLimits.SignInPolicy)
            .WithSummary("Exchange email and password for a bearer token (Identity bearer token format; the access token lives 15 minutes). "
                + "Administrators and leaders also send twoFactorCode (authenticator) or recoveryCode; without it the answer is 401 with code requires_two_factor.");
        api.MapPost("/refresh", RefreshAsync)
            .AllowAnonymous()
            .RequireRateLimiting(SecurityLimits.SignInPolicy)
            .WithSummary("Exchange a refresh token for new tokens; refused once the account signed out, was locked or changed role.");
        api.MapPost("/logout", LogoutAsync)
            .WithSummary("Revoke every token and session of the signed-in account (its security stamp changes).");
        return app;
    }

    public sealed record LoginRequest(string? Email, string? Password, string? TwoFactorCode = null, string? RecoveryCode = null);

    /// <summary>The "code" member of a 401 from /api/auth/login: what the client must do next.</summary>
    public static class RefusalCodes
    {
        public const string RequiresTwoFactor = "requires_two_factor";
        public const string RequiresEnrolment = "requires_two_factor_enrolment";
        public const string WrongTwoFactorCode = "wrong_two_factor_code";
    }

    public sealed record RefreshRequest(string? RefreshToken);

    // The bearer handler writes the token JSON ({tokenType, accessToken, expiresIn, refreshToken}) during sign-in, before the
    // sign-in is audited: the token is held back until the audit row is stored, so a database failure in between is a clean
    // 503 (no token handed out, nothing unaudited) instead of a response cut off half-way.
    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(LoginRequest login, PasswordSignIn signIn, HttpContext http)
    {
        var body = http.Response.Body;
        using var held = new MemoryStream();
        http.Response.Body = held;
        PasswordSignIn.Result result;
        try
        {
            result = await signIn.SignInAsync(login.Email, login.Password, persistent: false, channel: "api", IdentityConstants.BearerScheme,
                login.TwoFactorCode, login.RecoveryCode);
        }
        finally
        {
            http.Response.Body = body;
        }
        if (result.Outcome == SignInOutcome.Succeeded)
        {
            held.Position = 0;
            await held.CopyToAsync(body, http.RequestAborted);
        }
        return result.Outcome switch
        {
            SignInOutcome.Succeeded => TypedResults.Empty,
            SignInOutcome.Invalid => ApiProblems.BadRequest($"email (at most {PasswordSignIn.MaxEmailLength} characters, no control characters) and password are required"),
            SignInOutcome.Throttled => SecurityLimits.TooManyRequests(http, result.RetryAfter!.Value, "too many failed sign-ins for this account; wait before the next attempt"),
            SignInOutcome.LockedOut => Refused("account locked by an administrator"),
            SignInOutcome.TwoFactorRequired => Refused("this account signs in with an authenticator: send twoFactorCode (or recoveryCode)", RefusalCodes.RequiresTwoFactor),
            SignInOutcome.EnrolmentRequired => Refused("this account must first enrol an authenticator: sign in once in the browser", RefusalCodes.RequiresEnrolment),
            SignInOutcome.TwoFactorFailed => Refused("wrong or already used two-factor code", RefusalCodes.WrongTwoFactorCode),
            _ => Refused("wrong email or password"),
        };
    }

    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(RefreshRequest request,
        IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock, SignInManager<DiaBanUser> signInManager, SignInAudit audit)
    {
        var protector = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = string.IsNullOrEmpty(request.RefreshToken) || request.RefreshToken.Length > 4096 ? null : protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signInManager.ValidateSecurityStampAsync(ticket.Principal) is not { } user
            || await signInManager.UserManager.IsLockedOutAsync(user))
        {
            return Refused("refresh token expired or revoked; sign in again");
        }
        await audit.RecordAsync(user.Email ?? user.Id, "token_refresh", "api");
        var principal = await signInManager.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    public static async Task<NoContent> LogoutAsync(ClaimsPrincipal principal, UserManager<DiaBanUser> users, SignInAudit audit)
    {
        if (await users.GetUserAsync(principal) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync(user.Email ?? user.Id, "token_revoked", "api");
        }
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Refused(string detail, string? code = null) => TypedResults.Problem(
        title: "Đăng nhập không thành công / Sign-in failed", detail: detail, statusCode: StatusCodes.Status401Unauthorized,
        extensions: code is null ? null : new Dictionary<string, object?> { ["code"] = code });
}
