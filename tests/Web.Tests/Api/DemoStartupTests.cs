using System.Net;
using System.Net.Http.Json;
using DiaBan.Web.Auth;
using DiaBan.Testing;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Api;

/// <summary>An empty database in demo mode: the app seeds the demo province itself, once.</summary>
public sealed class EmptyDatabaseFixture : WebAppFixture
{
    protected override Task<string> CreateDatabaseAsync(string admin) => TestDatabases.CreateAsync(admin, "diaban_web_empty");
}

public sealed class DemoStartupTests(EmptyDatabaseFixture app) : IClassFixture<EmptyDatabaseFixture>
{
    [Fact]
    public async Task Demo_mode_seeds_an_empty_database_with_both_eras_and_classified_years()
    {
        // the default demo (seed 2019) is deterministic: its communes before and after the 1/7/2025 merger, 2019–2026 classified
        Assert.Equal(35L, await app.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL"));
        Assert.Equal(100L, await app.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE level = 'commune' AND valid_to IS NOT NULL"));
        Assert.Equal("2019 2020 2021 2022 2023 2024 2025 2026",
            string.Join(' ', await app.StringsAsync("SELECT DISTINCT year::text FROM status_assessment ORDER BY 1")));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM audit_entry WHERE action = 'seed'"));
    }

    [Fact]
    public async Task A_second_start_on_the_same_database_does_not_seed_again_nor_duplicate_accounts()
    {
        var units = await app.ScalarAsync<long>("SELECT count(*) FROM admin_unit");
        await using (var again = new DiaBanWebFactory(app.ConnectionString))
        {
            using var _ = again.CreateClient();
        }
        Assert.Equal(units, await app.ScalarAsync<long>("SELECT count(*) FROM admin_unit"));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM audit_entry WHERE action = 'seed'"));
        Assert.Equal((long)DemoAccounts.All.Count, await app.ScalarAsync<long>("""SELECT count(*) FROM auth."AspNetUsers" """));
    }
}

/// <summary>A configured database without Demo:Enabled: roles exist, but no sample account is created.</summary>
public sealed class ProductionModeFixture : WebAppFixture
{
    protected override DiaBanWebFactory CreateFactory() => new(ConnectionString, demo: false);
}

public sealed class ProductionModeTests(ProductionModeFixture app) : IClassFixture<ProductionModeFixture>
{
    [Fact]
    public async Task Outside_demo_mode_no_demo_account_is_created_and_none_can_log_in()
    {
        Assert.Equal(0L, await app.ScalarAsync<long>("""SELECT count(*) FROM auth."AspNetUsers" """));
        Assert.Equal((long)DiaBanRoles.All.Count, await app.ScalarAsync<long>("""SELECT count(*) FROM auth."AspNetRoles" """));
        using var client = app.Factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "admin@diaban.local", password = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
