using DiaBan.Web.Auth;
using DiaBan.Web.Tests.Browser;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Security;

/// <summary>
/// A new leader's first sign-in leads to the enrolment page: the key shown there makes the code that turns two-factor
/// on and hands out the recovery codes; the next sign-in asks for a code before the map opens.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoFactorBrowserTests(BrowserAppFixture app, ITestOutputHelper output)
{
    private const string Password = "Test-password-2026!";

    [Fact]
    public async Task A_leader_enrols_an_authenticator_and_then_signs_in_with_a_computed_code()
    {
        var email = await CreateLeaderAsync();

        await using (var first = await app.NewContextAsync())
        {
            var page = await first.NewPageAsync();
            await SubmitPasswordAsync(page, email);
            await page.WaitForURLAsync(url => url.Contains("/login/enrol"), new() { Timeout = 60_000 });
            var key = await page.GetAttributeAsync("#authenticator-key", "data-key");
            Assert.False(string.IsNullOrEmpty(key));
            Assert.StartsWith("otpauth://totp/DiaBan:", await page.InnerTextAsync("#authenticator-uri"));

            await page.FillAsync("#code", "000000" == Code(key!) ? "111111" : "000000");
            await page.ClickAsync("button[type=submit]");
            await page.WaitForSelectorAsync(".login-error", new() { Timeout = 60_000 });

            await page.FillAsync("#code", Code(key!));
            await page.ClickAsync("button[type=submit]");
            await page.WaitForSelectorAsync("#recovery-codes", new() { Timeout = 60_000 });
            Assert.Equal(TwoFactorPolicy.RecoveryCodeCount, await page.Locator("#recovery-codes li").CountAsync());
            await BrowserSteps.ScreenshotAsync(page, "two-factor-recovery-codes", output);
            await page.ClickAsync("#enrol-continue");
            await BrowserSteps.WaitForMapAsync(page);
        }

        await using var second = await app.NewContextAsync();
        var again = await second.NewPageAsync();
        await SubmitPasswordAsync(again, email);
        await again.WaitForURLAsync(url => url.Contains("/login/two-factor"), new() { Timeout = 60_000 });
        var secret = await KeyAsync(email);
        await again.FillAsync("#code", Code(secret));
        await again.ClickAsync("button[type=submit]");
        await BrowserSteps.WaitForMapAsync(again);
    }

    [Fact]
    public async Task Without_the_password_step_the_enrolment_and_code_pages_send_back_to_login()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login/enrol");
        Assert.EndsWith("/login", page.Url);
        await page.GotoAsync("/login/two-factor");
        await page.FillAsync("#code", "123456");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/login"), new() { Timeout = 60_000 });
    }

    private static async Task SubmitPasswordAsync(IPage page, string email)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
    }

    private static string Code(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();

    private async Task<string> CreateLeaderAsync()
    {
        using var scope = app.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DiaBanUser>>();
        var template = await users.FindByEmailAsync("leader@diaban.local");
        var email = $"leader-{Guid.NewGuid():N}@test.local";
        var user = new DiaBanUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = "test",
            AreaProvinceCode = template!.AreaProvinceCode,
        };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, DiaBanRoles.Leader)).Succeeded);
        return email;
    }

    private async Task<string> KeyAsync(string email)
    {
        using var scope = app.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DiaBanUser>>();
        return (await users.GetAuthenticatorKeyAsync((await users.FindByEmailAsync(email))!))!;
    }
}
