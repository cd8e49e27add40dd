using DiaBan.Geo.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Web.Auth;

/// <summary>
/// Sample accounts, one per role, with a published password: they exist only in demo mode (embedded database or
/// Demo:Enabled=true) AND while the database holds nothing but the seeded demo province. On a database with a user's
/// own imported data they are not created, and ones left from an earlier demo are deleted while they keep the password.
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

    /// <summary>Creates (demo on, demo data only) or removes the demo users; true when they are active afterwards.</summary>
    public static async Task<bool> SyncAsync(UserManager<DiaBanUser> users, DiaBanDb db, bool demoMode, CancellationToken ct = default)
    {
        if (demoMode && await HoldsOnlyDemoDataAsync(db, ct))
        {
            await EnsureAsync(users, db, ct);
            return true;
        }
        await RemoveAsync(users);
        return false;
    }

    /// <summary>The demo seed ran and nothing was imported after it (imports write an 'import' audit row).</summary>
    public static async Task<bool> HoldsOnlyDemoDataAsync(DiaBanDb db, CancellationToken ct = default)
    {
        var seed = await db.AuditEntries.AsNoTracking().Where(a => a.Action == "seed" && a.Entity == "demo_province")
            .OrderByDescending(a => a.Id).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
        return seed is { } id && !await db.AuditEntries.AnyAsync(a => a.Action == "import" && a.Id > id, ct);
    }

    // Only accounts that still open with the published password: one an administrator re-keyed is theirs to keep.
    private static async Task RemoveAsync(UserManager<DiaBanUser> users)
    {
        foreach (var account in All)
        {
            if (await users.FindByEmailAsync(account.Email) is { } user && await users.CheckPasswordAsync(user, Password))
            {
                Check(await users.DeleteAsync(user), account.Email);
            }
        }
    }

    /// <summary>Creates the missing demo users; areas come from the seeded demo province so they match the data.</summary>
    private static async Task EnsureAsync(UserManager<DiaBanUser> users, DiaBanDb db, CancellationToken ct = default)
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
