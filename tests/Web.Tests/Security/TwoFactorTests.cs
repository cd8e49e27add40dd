using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DiaBan.Web.Api;
using DiaBan.Web.Auth;
using OtpNet;

namespace DiaBan.Web.Tests.Security;

/// <summary>Administrators and leaders need an authenticator code (or a one-time recovery code) to get a bearer token.</summary>
[Collection(SecurityCollection.Name)]
public sealed class TwoFactorTests(SecurityAppFixture app)
{
    [Fact]
    public async Task A_leader_gets_a_token_only_with_the_authenticator_code()
    {
        var email = await app.CreateUserAsync(DiaBanRoles.Leader);
        var (key, _) = await EnrolAsync(email);
        using var client = app.ClientFrom("10.6.0.1");

        var withoutCode = await client.PostAsJsonAsync("/api/auth/login", new { email, password = SecurityAppFixture.UserPassword });
        await AssertRefusedAsync(withoutCode, AuthApi.RefusalCodes.RequiresTwoFactor);

        var wrong = Code(key) == "000000" ? "111111" : "000000";
        var wrongCode = await client.PostAsJsonAsync("/api/auth/login", new { email, password = SecurityAppFixture.UserPassword, twoFactorCode = wrong });
        await AssertRefusedAsync(wrongCode, AuthApi.RefusalCodes.WrongTwoFactorCode);

        var withCode = await client.PostAsJsonAsync("/api/auth/login", new { email, password = SecurityAppFixture.UserPassword, twoFactorCode = Code(key) });
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(await withCode.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()));
    }

    [Fact]
    public async Task A_code_without_the_right_password_gives_nothing()
    {
        var email = await app.CreateUserAsync(DiaBanRoles.Admin);
        var (key, _) = await EnrolAsync(email);
        using var client = app.ClientFrom("10.6.0.2");
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "not-the-password", twoFactorCode = Code(key) });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("accessToken", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_recovery_code_works_once()
    {
        var email = await app.CreateUserAsync(DiaBanRoles.Admin);
        var (_, recovery) = await EnrolAsync(email);
        using var client = app.ClientFrom("10.6.0.3");

        var first = await client.PostAsJsonAsync("/api/auth/login", new { email, password = SecurityAppFixture.UserPassword, recoveryCode = recovery[0] });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var again = await client.PostAsJsonAsync("/api/auth/login", new { email, password = SecurityAppFixture.UserPassword, recoveryCode = recovery[0] });
        await AssertRefusedAsync(again, AuthApi.RefusalCodes.WrongTwoFactorCode);
        Assert.Equal(1, await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_entry WHERE action = 'sign_in_recovery' AND entity_key = @k", ("k", email)));
        await app.WithUserAsync(email, async (users, user) =>
            Assert.Equal(TwoFactorPolicy.RecoveryCodeCount - 1, await users.CountRecoveryCodesAsync(user)));
    }

    [Fact]
    public async Task A_leader_without_an_authenticator_must_enrol_first_and_gets_no_token()
    {
        var email = await app.CreateUserAsync(DiaBanRoles.Leader);
        using var client = app.ClientFrom("10.6.0.4");
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = SecurityAppFixture.UserPassword, twoFactorCode = "123456" });
        await AssertRefusedAsync(response, AuthApi.RefusalCodes.RequiresEnrolment);
    }

    [Fact]
    public async Task Planners_police_and_the_demo_accounts_sign_in_with_the_password_alone()
    {
        using var client = app.ClientFrom("10.6.0.5");
        foreach (var email in new[] { await app.CreateUserAsync(DiaBanRoles.Planner), await app.CreateUserAsync(DiaBanRoles.Police), "admin@diaban.local", "leader@diaban.local" })
        {
            var password = email.EndsWith("@diaban.local") ? DemoAccounts.Password : SecurityAppFixture.UserPassword;
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email, password })).StatusCode);
        }
    }

    private static string Code(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();

    /// <summary>What the enrolment page does: a key, two-factor on, recovery codes.</summary>
    private async Task<(string Key, IReadOnlyList<string> Recovery)> EnrolAsync(string email)
    {
        string key = "";
        IReadOnlyList<string> recovery = [];
        await app.WithUserAsync(email, async (users, user) =>
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = (await users.GetAuthenticatorKeyAsync(user))!;
            await users.SetTwoFactorEnabledAsync(user, true);
            recovery = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorPolicy.RecoveryCodeCount))!];
        });
        return (key, recovery);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string code)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.False(body.TryGetProperty("accessToken", out _));
    }
}
