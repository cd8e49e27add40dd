using Microsoft.AspNetCore.Identity;

namespace DiaBan.Web.Auth;

/// <summary>What a sign-in attempt came to; the login form and the token API turn it into a message or a status code.</summary>
public enum SignInOutcome
{
    Succeeded,
    Failed,
    LockedOut,
    /// <summary>Too many failures on this account: wait <see cref="PasswordSignIn.Result.RetryAfter"/>.</summary>
    Throttled,
    /// <summary>The e-mail or password is not something a person could have typed (too long, control characters).</summary>
    Invalid,
}

/// <summary>
/// The one sign-in path of the login form and POST /api/auth/login: input bounds, the progressive delay, Identity's
/// password check (same cost for unknown accounts) and the audit row, in that order.
/// </summary>
public sealed class PasswordSignIn(SignInManager<DiaBanUser> signInManager, SignInThrottle throttle, SignInAudit audit, IHttpContextAccessor http)
{
    /// <summary>Identity's e-mail column holds 256 characters; a password longer than this is not a password.</summary>
    public const int MaxEmailLength = 256;
    public const int MaxPasswordLength = 512;

    public sealed record Result(SignInOutcome Outcome, TimeSpan? RetryAfter = null);

    /// <param name="scheme">Where a success signs in: the application cookie, or the bearer token for the API.</param>
    public async Task<Result> SignInAsync(string? email, string? password, bool persistent, string channel, string scheme)
    {
        email = email?.Trim() ?? "";
        if (email.Length is 0 or > MaxEmailLength || string.IsNullOrEmpty(password) || password.Length > MaxPasswordLength
            || email.Any(char.IsControl))
        {
            return new Result(SignInOutcome.Invalid);
        }
        var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        if (throttle.RetryAfter(email, address) is { } wait)
        {
            await audit.RecordAsync(email, "sign_in_limited", channel);
            return new Result(SignInOutcome.Throttled, wait);
        }

        signInManager.AuthenticationScheme = scheme;
        var result = await signInManager.PasswordSignInAsync(email, password, persistent, lockoutOnFailure: false);
        await audit.RecordAsync(email, result, channel);
        if (result.Succeeded)
        {
            throttle.Succeeded(email, address);
            return new Result(SignInOutcome.Succeeded);
        }
        throttle.Failed(email, address);
        return new Result(result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed);
    }
}
