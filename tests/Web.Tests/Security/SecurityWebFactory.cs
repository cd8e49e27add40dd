using System.Net;
using DiaBan.Web.Auth;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DiaBan.Web.Tests.Security;

/// <summary>
/// The app with extra settings, a client address taken from the X-Test-Client-IP header (TestServer has none, and the
/// throttles key on it), and an API path that throws, to see what an unexpected error shows a caller.
/// </summary>
public class SecurityWebFactory(string connectionString, IReadOnlyDictionary<string, string?>? settings = null, bool demo = true)
    : DiaBanWebFactory(connectionString, demo)
{
    public const string ClientIpHeader = "X-Test-Client-IP";
    public const string SecretDetail = "secret-detail-4711";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, TestHooks>());
    }

    private sealed class TestHooks : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientIpHeader], out var ip)) context.Connection.RemoteIpAddress = ip;
                return nextMiddleware(context);
            });
            next(app);
            // reached when no endpoint matched, inside the app's exception handling
            app.Map("/api/test/throw", b => b.Run(_ => throw new InvalidOperationException(SecretDetail)));
        };
    }
}

/// <summary>A seeded copy of the demo database with the app on it; tests make their own users when they change one.</summary>
public class SecurityAppFixture : WebAppFixture
{
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override DiaBanWebFactory CreateFactory() => new SecurityWebFactory(ConnectionString, Settings);

    /// <summary>A client whose requests come from the given address.</summary>
    public HttpClient ClientFrom(string ip)
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(SecurityWebFactory.ClientIpHeader, ip);
        return client;
    }

    public const string UserPassword = "Test-password-2026!";

    /// <summary>A new user with the role and the area of the demo account of that role (or the given communes).</summary>
    public async Task<string> CreateUserAsync(string role, IReadOnlyList<string>? communes = null)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DiaBanUser>>();
        var template = await users.FindByEmailAsync(DemoAccounts.All.Single(a => a.Role == role).Email);
        var email = $"{role}-{Guid.NewGuid():N}@test.local";
        var user = new DiaBanUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = "test",
            AreaProvinceCode = template!.AreaProvinceCode, AreaCommuneCodes = [.. communes ?? template.AreaCommuneCodes],
        };
        Assert.True((await users.CreateAsync(user, UserPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }

    public async Task WithUserAsync(string email, Func<UserManager<DiaBanUser>, DiaBanUser, Task> change)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DiaBanUser>>();
        await change(users, (await users.FindByEmailAsync(email))!);
    }
}

[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityAppFixture>
{
    public const string Name = "security";
}
