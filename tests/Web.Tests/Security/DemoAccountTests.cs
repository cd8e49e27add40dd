using System.Net;
using System.Net.Http.Json;
using DiaBan.Web.Auth;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DiaBan.Web.Tests.Security;

/// <summary>
/// Demo mode on a database that also holds a user's own imported data (an 'import' audit row after the demo seed):
/// the published demo password must open nothing.
/// </summary>
public sealed class ImportedDataFixture : WebAppFixture
{
    protected override async Task<string> CreateDatabaseAsync(string admin)
    {
        var connectionString = await SeededTemplate.CopyAsync(admin);
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "INSERT INTO audit_entry (at, actor, action, entity, details) VALUES (now(), 'cli:user', 'import', 'admin_unit', '{}')", connection);
        await command.ExecuteNonQueryAsync();
        return connectionString;
    }
}

public sealed class DemoAccountTests(ImportedDataFixture app) : IClassFixture<ImportedDataFixture>
{
    [Fact]
    public async Task Demo_mode_creates_no_demo_account_when_the_database_holds_imported_data()
    {
        Assert.Equal(0L, await app.ScalarAsync<long>("""SELECT count(*) FROM auth."AspNetUsers" """));
        using var client = app.Factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "admin@diaban.local", password = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var login = WebUtility.HtmlDecode(await client.GetStringAsync("/login"));
        Assert.DoesNotContain(DemoAccounts.Password, login);
        Assert.DoesNotContain("admin@diaban.local", login);
    }

    [Fact]
    public async Task Demo_accounts_left_from_an_earlier_demo_are_removed_once_own_data_is_imported()
    {
        // the same database started as a pure demo would have the accounts: make them as an earlier demo run did
        using (var scope = app.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<DiaBanUser>>();
            var user = new DiaBanUser { UserName = "leader@diaban.local", Email = "leader@diaban.local", DisplayName = "old demo" };
            Assert.True((await users.CreateAsync(user, DemoAccounts.Password)).Succeeded);
        }
        await using (var again = new DiaBanWebFactory(app.ConnectionString))
        {
            using var _ = again.CreateClient();
        }
        Assert.Equal(0L, await app.ScalarAsync<long>("""SELECT count(*) FROM auth."AspNetUsers" WHERE "Email" = 'leader@diaban.local'"""));
    }
}
