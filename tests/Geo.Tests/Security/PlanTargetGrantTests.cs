namespace DiaBan.Geo.Tests.Security;

/// <summary>plan_target is covered by the app role's grants: the web form and importer write it as the app role.</summary>
public sealed class PlanTargetGrantTests(RoleDatabaseFixture fx) : IClassFixture<RoleDatabaseFixture>
{
    [Fact]
    public async Task The_app_role_inserts_updates_and_deletes_plan_targets()
    {
        const string insert = """
            INSERT INTO plan_target (scope_level, scope_codes, year, indicator, comparison, direction, value, legal_basis,
                                     document_number, created_by, created_at, updated_by, updated_at)
            VALUES ('province', '{96}', 2026, 'arrests', 'percent_change', 'at_least', 5, 'KH', '1/KH', 't', now(), 't', now())
            """;
        Assert.Equal(1, await RoleDatabaseFixture.ExecAsync(fx.Connections.App, insert));
        Assert.Equal(1, await RoleDatabaseFixture.ExecAsync(fx.Connections.App, "UPDATE plan_target SET value = 6 WHERE year = 2026 AND indicator = 'arrests'"));
        Assert.Equal(1, await RoleDatabaseFixture.ExecAsync(fx.Connections.App, "DELETE FROM plan_target WHERE year = 2026 AND indicator = 'arrests'"));
    }
}
