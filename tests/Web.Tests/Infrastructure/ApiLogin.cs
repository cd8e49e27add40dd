using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DiaBan.Web.Auth;

namespace DiaBan.Web.Tests.Infrastructure;

/// <summary>POST /api/auth/login and a client that sends the bearer token.</summary>
public static class ApiLogin
{
    public static async Task<string> TokenAsync(HttpClient client, string email, string password = DemoAccounts.Password)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    public static async Task<HttpClient> ClientForAsync(WebAppFixture app, string email)
    {
        var client = app.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, email));
        return client;
    }
}
