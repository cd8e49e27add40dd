using System.Net;
using System.Net.Http.Json;
using DiaBan.Web.Auth;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DiaBan.Web.Tests.Api;

public sealed class AuthenticationTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("/api/units?level=commune")]
    [InlineData("/api/status?year=2024")]
    [InlineData("/api/status/years")]
    [InlineData("/openapi/v1.json")]
    public async Task Api_without_login_answers_401_not_a_redirect(string url)
    {
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Pages_without_login_redirect_to_the_login_form()
    {
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Login_page_and_health_are_anonymous_but_the_map_script_is_not()
    {
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Mật khẩu", WebUtility.HtmlDecode(await login.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/app.css")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/js/diabanMap.js")).StatusCode);
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_problem_details_and_audited()
    {
        using var client = app.Factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "leader@diaban.local", password = "not-the-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var failures = await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_entry WHERE action = 'sign_in_failed' AND entity_key = 'leader@diaban.local'");
        Assert.True(failures >= 1);
    }

    [Fact]
    public async Task Token_login_opens_the_api_and_is_audited()
    {
        using var client = app.Factory.CreateClient();
        var token = await ApiLogin.TokenAsync(client, "planner@diaban.local");
        Assert.False(string.IsNullOrEmpty(token));
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var response = await client.GetAsync("/api/status/years");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signIns = await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_entry WHERE action = 'sign_in' AND entity_key = 'planner@diaban.local' AND details->>'channel' = 'api'");
        Assert.True(signIns >= 1);
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        using var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", "CfDJ8-not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/status/years")).StatusCode);
    }

    [Fact]
    public async Task Demo_accounts_exist_one_per_role()
    {
        foreach (var account in DemoAccounts.All)
        {
            var role = await app.ScalarAsync<string>(
                """
                SELECT r."Name" FROM auth."AspNetUsers" u
                JOIN auth."AspNetUserRoles" ur ON ur."UserId" = u."Id"
                JOIN auth."AspNetRoles" r ON r."Id" = ur."RoleId"
                WHERE u."Email" = @email
                """, ("email", account.Email));
            Assert.Equal(account.Role, role);
        }
    }
}
