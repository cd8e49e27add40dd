using System.Security.Claims;
using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DiaBan.Web.Auth;

/// <summary>Adds the user's area and display name to the principal, so cookie and bearer logins carry the same scope.</summary>
public sealed class DiaBanClaimsFactory(
    UserManager<DiaBanUser> userManager,
    RoleManager<IdentityRole> roleManager,
    IOptions<IdentityOptions> options,
    DiaBanDb db)
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
            var name = await db.AdminUnits.Where(u => u.Level == UnitLevel.Province && u.Code == user.AreaProvinceCode)
                .OrderByDescending(u => u.ValidFrom).Select(u => u.Name).FirstOrDefaultAsync();
            if (name is not null) identity.AddClaim(new Claim(AreaClaimTypes.ProvinceName, name));
        }
        foreach (var commune in user.AreaCommuneCodes)
        {
            identity.AddClaim(new Claim(AreaClaimTypes.Commune, commune));
        }
        return identity;
    }
}
