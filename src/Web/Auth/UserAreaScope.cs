using System.Security.Claims;
using DiaBan.Geo.Queries;

namespace DiaBan.Web.Auth;

/// <summary>Turns a signed-in user's claims into the AreaScope every query applies.</summary>
public static class UserAreaScope
{
    public static AreaScope For(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return AreaScope.Nothing;
        }
        var province = user.FindFirst(AreaClaimTypes.Province)?.Value;
        if (!string.IsNullOrEmpty(province))
        {
            return AreaScope.Province(province);
        }
        var communes = user.FindAll(AreaClaimTypes.Commune).Select(c => c.Value).ToArray();
        if (communes.Length > 0)
        {
            return AreaScope.Communes(communes);
        }
        // Only an administrator with no assigned area sees the whole country; anyone else without an area sees nothing.
        return user.IsInRole(DiaBanRoles.Admin) ? AreaScope.Everything : AreaScope.Nothing;
    }
}
