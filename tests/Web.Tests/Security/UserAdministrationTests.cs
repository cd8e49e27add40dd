using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiaBan.Web.Api;
using DiaBan.Web.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace DiaBan.Web.Tests.Security;

/// <summary>`user add`: the first administrator of a real installation, with checked role, area and password.</summary>
[Collection(SecurityCollection.Name)]
public sealed class UserAdministrationTests(SecurityAppFixture app)
{
    [Fact]
    public async Task Bad_role_area_or_password_is_refused_with_the_reason()
    {
        Assert.Contains("--role", await AddAsync(Email(), "superuser", [], SecurityAppFixture.UserPassword));
        Assert.Contains("--area is required", await AddAsync(Email(), DiaBanRoles.Police, [], SecurityAppFixture.UserPassword));
        Assert.Contains("no current commune with code 99999", await AddAsync(Email(), DiaBanRoles.Police, ["99999"], SecurityAppFixture.UserPassword));
        Assert.Contains("--area takes one province", await AddAsync(Email(), DiaBanRoles.Leader, [], SecurityAppFixture.UserPassword));
        Assert.NotNull(await AddAsync(Email(), DiaBanRoles.Admin, [], "short"));
    }

    [Fact]
    public async Task A_new_admin_signs_in_only_after_enrolling_an_authenticator()
    {
        var email = Email();
        Assert.Null(await AddAsync(email, DiaBanRoles.Admin, [], SecurityAppFixture.UserPassword));
        Assert.Null(await AddAsync(Email(), DiaBanRoles.Leader, [(await app.StringsAsync("SELECT code FROM admin_unit WHERE level = 'province' AND valid_to IS NULL LIMIT 1"))[0]], SecurityAppFixture.UserPassword));
        Assert.Contains("exists already", await AddAsync(email, DiaBanRoles.Admin, [], SecurityAppFixture.UserPassword));

        using var client = app.ClientFrom("10.6.1.1");
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = SecurityAppFixture.UserPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(AuthApi.RefusalCodes.RequiresEnrolment, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    private static string Email() => $"new-{Guid.NewGuid():N}@test.local";

    private async Task<string?> AddAsync(string email, string role, string[] areas, string password)
    {
        using var scope = app.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserAdministration>().AddAsync(email, role, areas, password);
    }
}
