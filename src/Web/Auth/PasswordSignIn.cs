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
    /// <summary>Password right; the account needs its authenticator code (or a recovery code) to finish.</summary>
    TwoFactorRequired,
    /// <summary>Password right; an administrator or leader without an authenticator must enrol one first (browser only).</summary>
    EnrolmentRequired,
    /// <summary>Password right, but the authenticator or recovery code was wrong (or already used).</summary>
    TwoFactorFailed,
}

/// <summary>
/// The one sign-in path of the login form and POST /api/auth/login: input bounds, the progressive delay, Identity's
/// password check (same cost for unknown accounts), the second factor where the account needs one, and the audit
/// row, in that order. The login form passes no code and continues on the two-factor page; the token API passes the
/// code with the password.
/// </summary>
public sealed class PasswordSignIn(SignInManager<DiaBanUser> signInManager, SignInThrottle throttle, SignInAudit audit, IHttpContextAccessor http)
{
    /// <summary>Identity's e-mail column holds 256 characters; a password longer than this is not a password.</summary>
    public const int MaxEmailLength = 256;
    public const int MaxPasswordLength = 512;

    public sealed record Result(SignInOutcome Outcome, TimeSpan? RetryAfter = null);

    /// <param name="scheme">Where a success signs in: the application cookie, or the bearer token for the API.</param>
    /// <param name="twoFactorCode">The 6-digit authenticator code, when the caller has it already (the token API).</param>
    /// <param name="recoveryCode">A one-time recovery code instead of the authenticator code.</param>
    public async Task<Result> SignInAsync(string? email, string? password, bool persistent, string channel, string scheme,
        string? twoFactorCode = null, string? recoveryCode = null)
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
        if (result.RequiresTwoFactor)
        {
            return await SecondFactorAsync(email, address, persistent, channel, twoFactorCode, recoveryCode);
        }
        await audit.RecordAsync(email, result, channel);
        if (result.Succeeded)
        {
            throttle.Succeeded(email, address);
            return new Result(SignInOutcome.Succeeded);
        }
        throttle.Failed(email, address);
        return new Result(result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.Failed);
    }

    /// <summary>
    /// The second page of the browser sign-in: the user comes from Identity's short two-factor cookie set after the
    /// password; Failed when that cookie is missing or expired (back to the login form).
    /// </summary>
    public async Task<Result> CompleteTwoFactorAsync(string? code, string? recovery, bool persistent, string channel)
    {
        signInManager.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is not { Email: { } email })
        {
            return new Result(SignInOutcome.Failed);
        }
        return await SecondFactorAsync(email, http.HttpContext?.Connection.RemoteIpAddress?.ToString(), persistent, channel, code, recovery);
    }

    // Identity remembered the user of this request after the password (and set its short two-factor cookie).
    private async Task<Result> SecondFactorAsync(string email, string? address, bool persistent, string channel, string? code, string? recovery)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null || !await signInManager.UserManager.GetTwoFactorEnabledAsync(user))
        {
            await audit.RecordAsync(email, "2fa_enrol_needed", channel);
            return new Result(SignInOutcome.EnrolmentRequired);
        }
        code = NormaliseCode(code);
        recovery = NormaliseRecoveryCode(recovery);
        if (code is null && recovery is null)
        {
            await audit.RecordAsync(email, "2fa_code_needed", channel);
            return new Result(SignInOutcome.TwoFactorRequired);
        }
        if (throttle.RetryAfter(email, address) is { } wait)
        {
            await audit.RecordAsync(email, "sign_in_limited", channel);
            return new Result(SignInOutcome.Throttled, wait);
        }
        var result = code is not null
            ? await signInManager.TwoFactorAuthenticatorSignInAsync(code, persistent, rememberClient: false)
            : await signInManager.TwoFactorRecoveryCodeSignInAsync(recovery!);
        await audit.RecordAsync(email, result.Succeeded ? (code is null ? "sign_in_recovery" : "sign_in") : result.IsLockedOut ? "sign_in_locked" : "2fa_code_failed", channel);
        if (result.Succeeded)
        {
            throttle.Succeeded(email, address);
            return new Result(SignInOutcome.Succeeded);
        }
        throttle.Failed(email, address);
        return new Result(result.IsLockedOut ? SignInOutcome.LockedOut : SignInOutcome.TwoFactorFailed);
    }

    /// <summary>An authenticator code as typed ("123 456" too); null when empty or not a short code.</summary>
    public static string? NormaliseCode(string? code) => Bounded(code?.Replace(" ", "").Replace("-", ""));

    /// <summary>A recovery code keeps its dash (Identity stores them as XXXXX-XXXXX); spaces are dropped.</summary>
    public static string? NormaliseRecoveryCode(string? code) => Bounded(code?.Replace(" ", ""));

    private static string? Bounded(string? text) =>
        string.IsNullOrEmpty(text) || text.Length > 32 || text.Any(char.IsControl) ? null : text;
}
