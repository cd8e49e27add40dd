using System.Net;
using DiaBan.Web.Auth;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace DiaBan.Web.Tests.Security;

/// <summary>Security headers on pages and API answers, HSTS and Secure cookies over HTTPS, data-protection keys kept private.</summary>
[Collection(SecurityCollection.Name)]
public sealed class HeaderTests(SecurityAppFixture app)
{
    [Fact]
    public async Task Pages_carry_a_script_policy_without_inline_scripts_and_the_other_headers()
    {
        using var client = app.ClientFrom("10.5.0.1");
        var response = await client.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src"));
        Assert.Equal("script-src 'self'", scriptSrc);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        // no inline script left in the page itself (an import map would be one)
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(@"<script(?![^>]*\bsrc=)[^>]*>", html);
    }

    [Fact]
    public async Task Api_data_is_not_stored_by_caches()
    {
        using var client = app.ClientFrom("10.5.0.2");
        client.DefaultRequestHeaders.Authorization = new("Bearer", await ApiLogin.TokenAsync(client, "leader@diaban.local"));
        var response = await client.GetAsync("/api/status/years");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Over_https_hsts_is_sent_and_cookies_are_secure()
    {
        using var client = app.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://diaban.example"), AllowAutoRedirect = false,
        });
        var response = await client.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Data_protection_keys_live_in_a_folder_only_the_app_user_can_open()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Path.Combine(Path.GetTempPath(), $"diaban-keys-{Guid.NewGuid():N}");
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:KeysFolder"] = path }).Build();
            var folder = SecurityServiceExtensions.KeysFolder(configuration);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder.FullName));
        }
        finally
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
