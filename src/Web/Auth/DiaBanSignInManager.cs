using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Auth;

/// <summary>
/// Identity's sign-in with two changes against strangers: an unknown e-mail costs the same password-hash work as a
/// known one (no enumeration by timing), and a wrong password never counts towards Identity's lockout (five guesses
/// by anyone would lock the leader out); repeated guesses are slowed by <see cref="SignInThrottle"/> instead.
/// An account an administrator locked stays locked: Identity checks LockoutEnd before the password.
/// Administrators and leaders always need the second step (<see cref="TwoFactorPolicy"/>), enrolled or not: one without
/// an authenticator gets no session, only Identity's short two-factor cookie that opens the enrolment page.
/// </summary>
public sealed class DiaBanSignInManager(
    UserManager<DiaBanUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<DiaBanUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<DiaBanUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<DiaBanUser> confirmation,
    TwoFactorPolicy twoFactor)
    : SignInManager<DiaBanUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    // a hash of a random password, made once with the configured hasher so verifying it costs what a real check costs
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<DiaBanUser>().HashPassword(new DiaBanUser(), Convert.ToBase64String(Guid.NewGuid().ToByteArray())));

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            UserManager.PasswordHasher.VerifyHashedPassword(new DiaBanUser(), DummyHash.Value, password);
            return SignInResult.Failed;
        }
        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: false);
    }

    public override async Task<bool> IsTwoFactorEnabledAsync(DiaBanUser user) =>
        await twoFactor.RequiredForAsync(UserManager, user) || await base.IsTwoFactorEnabledAsync(user);
}
