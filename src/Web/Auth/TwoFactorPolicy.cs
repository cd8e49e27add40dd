using Microsoft.AspNetCore.Identity;

namespace DiaBan.Web.Auth;

/// <summary>
/// Who must sign in with an authenticator code: administrators and leaders (they change official statuses and see the
/// whole province). The demo accounts are exempt while demo mode holds them: their password is published on the login
/// page, so a published authenticator key would add nothing, and the login page says they skip the second step.
/// </summary>
public sealed class TwoFactorPolicy(DemoMode demo)
{
    public static IReadOnlyList<string> Roles { get; } = [DiaBanRoles.Admin, DiaBanRoles.Leader];

    /// <summary>Recovery codes handed out at enrolment; each works once.</summary>
    public const int RecoveryCodeCount = 10;

    public async Task<bool> RequiredForAsync(UserManager<DiaBanUser> users, DiaBanUser user)
    {
        if (IsExemptDemoAccount(user.Email))
        {
            return false;
        }
        foreach (var role in Roles)
        {
            if (await users.IsInRoleAsync(user, role))
            {
                return true;
            }
        }
        return false;
    }

    public bool IsExemptDemoAccount(string? email) =>
        demo.AccountsActive && DemoAccounts.All.Any(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase));
}
