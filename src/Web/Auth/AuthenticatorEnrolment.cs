using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace DiaBan.Web.Auth;

/// <summary>
/// First sign-in of an administrator or leader without an authenticator: after the right password Identity holds
/// only its short two-factor cookie; this shows the account's key, and a code made from it turns two-factor sign-in
/// on, hands out the recovery codes (once) and starts the session.
/// </summary>
public sealed class AuthenticatorEnrolment(SignInManager<DiaBanUser> signInManager, SignInAudit audit, IHttpContextAccessor http)
{
    public sealed record Pending(string Email, string Key, bool AlreadyEnrolled);

    /// <summary>The account waiting for its second step, with its authenticator key (made on first view); null when there is none.</summary>
    public async Task<Pending?> PendingAsync()
    {
        var users = signInManager.UserManager;
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is not { Email: { } email } user)
        {
            return null;
        }
        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return new Pending(email, "", AlreadyEnrolled: true);
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        return new Pending(email, key!, AlreadyEnrolled: false);
    }

    /// <summary>Checks a code from the new authenticator; on success the recovery codes to show once, else null.</summary>
    public async Task<IReadOnlyList<string>?> ConfirmAsync(string? code, bool persistent)
    {
        var users = signInManager.UserManager;
        var token = PasswordSignIn.NormaliseCode(code);
        if (token is null || await signInManager.GetTwoFactorAuthenticationUserAsync() is not { Email: { } email } user
            || await users.GetTwoFactorEnabledAsync(user)
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, token))
        {
            return null;
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        var recovery = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorPolicy.RecoveryCodeCount))?.ToList() ?? [];
        await audit.RecordAsync(email, "2fa_enrolled", "web");
        await http.HttpContext!.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        signInManager.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signInManager.SignInAsync(user, persistent, authenticationMethod: "mfa");
        await audit.RecordAsync(email, "sign_in", "web");
        return recovery;
    }
}
