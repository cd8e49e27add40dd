using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Auth;

/// <summary>Adds the user's area and display name to the principal, so cookie and bearer logins carry the same scope.</summary>
public sealed class DiaBanClaimsFactory(
    UserManager<DiaBanUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<DiaBanUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(DiaBanUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (!string.IsNullOrEmpty(user.DisplayName))
        {
            identity.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        }
        if (!string.IsNullOrEmpty(user.AreaProvinceCode))
        {
            identity.AddClaim(new Claim(AreaClaimTypes.Province, user.AreaProvinceCode));
        }
        foreach (var commune in user.AreaCommuneCodes)
        {
            identity.AddClaim(new Claim(AreaClaimTypes.Commune, commune));
        }
        return identity;
    }
}
