using Microsoft.AspNetCore.Identity;

namespace DiaBan.Web.Auth;

/// <summary>Creates the four roles when missing; they are structure, present in every installation.</summary>
public static class AuthRoles
{
    public static async Task EnsureAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in DiaBanRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"role {role}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
                }
            }
        }
    }
}
