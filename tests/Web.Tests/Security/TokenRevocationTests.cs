using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiaBan.Web.Auth;

namespace DiaBan.Web.Tests.Security;

/// <summary>Access tokens are short-lived, renewable through /api/auth/refresh, and stop working at sign-out, lock or role change.</summary>
[Collection(SecurityCollection.Name)]
public sealed class TokenRevocationTests(SecurityAppFixture app)
{
    private const string Probe = "/api/status/years";

    [Fact]
    public async Task Access_tokens_live_fifteen_minutes()
    {
        var email = await app.CreateUserAsync(DiaBanRoles.Planner);
        var tokens = await LoginAsync(email, "10.4.0.1");
        Assert.Equal(15 * 60, tokens.GetProperty("expiresIn").GetInt32());
    }

    [Fact]
    public async Task A_locked_accounts_token_and_refresh_token_stop_working_at_once()
    {
        var email = await app.CreateUserAsync(DiaBanRoles.Police);
        var tokens = await LoginAsync(email, "10.4.0.2");
        using var client = Bearer(tokens, "10.4.0.2");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Probe)).StatusCode);

        await app.WithUserAsync(email, (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddYears(100)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Probe)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(tokens, "10.4.0.2")).StatusCode);
    }

    [Fact]
    public async Task Refresh_gives_new_tokens_and_sign_out_revokes_them_all()
    {
        var email = await app.CreateUserAsync(DiaBanRoles.Planner);
        var first = await LoginAsync(email, "10.4.0.3");
        var refreshed = await RefreshAsync(first, "10.4.0.3");
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = JsonDocument.Parse(await refreshed.Content.ReadAsStringAsync()).RootElement.Clone();
        using var client = Bearer(second, "10.4.0.3");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Probe)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Probe)).StatusCode);
        using var old = Bearer(first, "10.4.0.3");
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync(Probe)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(second, "10.4.0.3")).StatusCode);
    }

    [Fact]
    public async Task A_role_change_revokes_the_token_issued_for_the_old_role()
    {
        var email = await app.CreateUserAsync(DiaBanRoles.Planner);
        var tokens = await LoginAsync(email, "10.4.0.4");
        using var client = Bearer(tokens, "10.4.0.4");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Probe)).StatusCode);

        await app.WithUserAsync(email, async (users, user) =>
        {
            await users.RemoveFromRoleAsync(user, DiaBanRoles.Planner);
            await users.AddToRoleAsync(user, DiaBanRoles.Police);
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Probe)).StatusCode);
    }

    [Fact]
    public async Task A_signed_out_token_gets_no_tile_at_once()
    {
        // the session check reads the user's row on every request (SessionValidation: no cache), tiles included
        var email = await app.CreateUserAsync(DiaBanRoles.Planner);
        var tokens = await LoginAsync(email, "10.4.0.6");
        using var client = Bearer(tokens, "10.4.0.6");
        const string tile = "/tiles/status/5/25/14.mvt?year=2024";
        var first = await client.GetAsync(tile);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.StartsWith("session;dur=", first.Headers.GetValues("Server-Timing").Single(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/auth/logout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(tile)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/tiles/status/5/25/15.mvt?year=2024")).StatusCode);
    }

    [Fact]
    public async Task A_deleted_accounts_token_stops_working_at_once()
    {
        var email = await app.CreateUserAsync(DiaBanRoles.Planner);
        var tokens = await LoginAsync(email, "10.4.0.7");
        using var client = Bearer(tokens, "10.4.0.7");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Probe)).StatusCode);

        await app.WithUserAsync(email, (users, user) => users.DeleteAsync(user));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Probe)).StatusCode);
    }

    [Fact]
    public async Task A_forged_refresh_token_is_refused()
    {
        using var client = app.ClientFrom("10.4.0.5");
        var response = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "CfDJ8-forged" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<JsonElement> LoginAsync(string email, string ip)
    {
        using var client = app.ClientFrom(ip);
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = SecurityAppFixture.UserPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> RefreshAsync(JsonElement tokens, string ip)
    {
        using var client = app.ClientFrom(ip);
        return await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
    }

    private HttpClient Bearer(JsonElement tokens, string ip)
    {
        var client = app.ClientFrom(ip);
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.GetProperty("accessToken").GetString());
        return client;
    }
}
