using DiaBan.Geo.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Web.Auth;

/// <summary>
/// Sample accounts, one per role, created only in demo mode (embedded database or Demo:Enabled=true).
/// The police account answers for a few communes only, to show (and test) the area limit.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "DiaBan-demo-2026";

    /// <summary>How many current communes the demo police officer answers for.</summary>
    public const int PoliceCommuneCount = 3;

    public sealed record Account(string Email, string Role, string DisplayName);

    public static IReadOnlyList<Account> All { get; } =
    [
        new("admin@diaban.local", DiaBanRoles.Admin, "Quản trị hệ thống"),
        new("leader@diaban.local", DiaBanRoles.Leader, "Lãnh đạo tỉnh"),
        new("police@diaban.local", DiaBanRoles.Police, "Công an xã"),
        new("planner@diaban.local", DiaBanRoles.Planner, "Cán bộ kế hoạch"),
    ];

    /// <summary>Creates the missing demo users; areas come from the seeded demo province so they match the data.</summary>
    public static async Task EnsureAsync(UserManager<DiaBanUser> users, DiaBanDb db, CancellationToken ct = default)
    {
        var province = await db.AdminUnits.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Province && u.ValidTo == null)
            .OrderBy(u => u.Code).FirstOrDefaultAsync(ct);
        var communes = province is null ? [] : await db.AdminUnits.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Commune && u.ValidTo == null && u.ParentId == province.Id)
            .OrderBy(u => u.Code).Select(u => u.Code).Take(PoliceCommuneCount).ToListAsync(ct);

        foreach (var account in All)
        {
            if (await users.FindByEmailAsync(account.Email) is not null)
            {
                continue;
            }
            var user = new DiaBanUser
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                DisplayName = account.DisplayName,
                AreaProvinceCode = account.Role is DiaBanRoles.Leader or DiaBanRoles.Planner ? province?.Code : null,
                AreaCommuneCodes = account.Role == DiaBanRoles.Police ? communes : [],
            };
            Check(await users.CreateAsync(user, Password), account.Email);
            Check(await users.AddToRoleAsync(user, account.Role), account.Email);
        }
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"demo account {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
