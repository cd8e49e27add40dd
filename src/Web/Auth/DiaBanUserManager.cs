using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Auth;

/// <summary>
/// Identity's user manager, except that a role change also renews the security stamp (Identity leaves it alone), so
/// tokens issued for the old role stop working at once (<see cref="SessionValidation"/>).
/// </summary>
public sealed class DiaBanUserManager(
    IUserStore<DiaBanUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<DiaBanUser> passwordHasher,
    IEnumerable<IUserValidator<DiaBanUser>> userValidators,
    IEnumerable<IPasswordValidator<DiaBanUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<DiaBanUser>> logger)
    : UserManager<DiaBanUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> AddToRoleAsync(DiaBanUser user, string role) =>
        await RenewStampAsync(user, await base.AddToRoleAsync(user, role));

    public override async Task<IdentityResult> AddToRolesAsync(DiaBanUser user, IEnumerable<string> roles) =>
        await RenewStampAsync(user, await base.AddToRolesAsync(user, roles));

    public override async Task<IdentityResult> RemoveFromRoleAsync(DiaBanUser user, string role) =>
        await RenewStampAsync(user, await base.RemoveFromRoleAsync(user, role));

    public override async Task<IdentityResult> RemoveFromRolesAsync(DiaBanUser user, IEnumerable<string> roles) =>
        await RenewStampAsync(user, await base.RemoveFromRolesAsync(user, roles));

    private async Task<IdentityResult> RenewStampAsync(DiaBanUser user, IdentityResult result) =>
        result.Succeeded ? await UpdateSecurityStampAsync(user) : result;
}
