using DiaBan.Geo.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Web.Auth;

/// <summary>
/// Creating an account outside the app (the first administrator of a real installation): the role and area are
/// checked against the database, the password only against Identity's rules — there is no default password.
/// </summary>
public sealed class UserAdministration(UserManager<DiaBanUser> users, DiaBanDb db)
{
    /// <summary>Creates the account; returns null on success, else what is wrong (one line per problem).</summary>
    /// <param name="areas">A province code (leader, planner; optional for admin) or commune codes (police).</param>
    public async Task<string?> AddAsync(string email, string role, IReadOnlyList<string> areas, string password, CancellationToken ct = default)
    {
        if (!DiaBanRoles.All.Contains(role))
        {
            return $"--role must be one of {string.Join(", ", DiaBanRoles.All)}";
        }
        if (await users.FindByEmailAsync(email) is not null)
        {
            return $"an account {email} exists already";
        }
        var user = new DiaBanUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        if (role == DiaBanRoles.Police)
        {
            if (areas.Count == 0) return "--area is required for police: the commune codes the officer answers for";
            if (await MissingAsync(areas, UnitLevel.Commune, ct) is { } missing) return missing;
            user.AreaCommuneCodes = [.. areas];
        }
        else if (areas.Count > 0 || role is DiaBanRoles.Leader or DiaBanRoles.Planner)
        {
            if (areas.Count != 1) return $"--area takes one province code for {role}";
            if (await MissingAsync(areas, UnitLevel.Province, ct) is { } missing) return missing;
            user.AreaProvinceCode = areas[0];
        }
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return string.Join(Environment.NewLine, created.Errors.Select(e => e.Description));
        }
        var added = await users.AddToRoleAsync(user, role);
        return added.Succeeded ? null : string.Join(Environment.NewLine, added.Errors.Select(e => e.Description));
    }

    private async Task<string?> MissingAsync(IReadOnlyList<string> codes, UnitLevel level, CancellationToken ct)
    {
        var known = await db.AdminUnits.AsNoTracking().Where(u => u.Level == level && u.ValidTo == null && codes.Contains(u.Code))
            .Select(u => u.Code).ToListAsync(ct);
        var missing = codes.Except(known).ToList();
        return missing.Count == 0 ? null : $"--area: no current {level.ToString().ToLowerInvariant()} with code {string.Join(", ", missing)}";
    }
}
