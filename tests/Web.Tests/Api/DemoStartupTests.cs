using DiaBan.Geo.Hosting;
using DiaBan.Web.Auth;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Api;

/// <summary>An empty database in demo mode: the app seeds the demo province itself, once.</summary>
public sealed class EmptyDatabaseFixture : WebAppFixture
{
    protected override Task<string> CreateDatabaseAsync(string admin) => DatabaseSetup.CreateFreshDatabaseAsync(admin, "diaban_web_empty");
}

public sealed class DemoStartupTests(EmptyDatabaseFixture app) : IClassFixture<EmptyDatabaseFixture>
{
    [Fact]
    public async Task Demo_mode_seeds_an_empty_database_with_both_eras_and_classified_years()
    {
        Assert.True(await app.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE level = 'commune' AND valid_to IS NULL") > 0);
        Assert.True(await app.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE level = 'commune' AND valid_to IS NOT NULL") > 0);
        Assert.True(await app.ScalarAsync<long>("SELECT count(DISTINCT year) FROM status_assessment") >= 2);
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
