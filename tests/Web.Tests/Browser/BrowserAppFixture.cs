using DiaBan.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DiaBan.Web.Tests.Browser;

/// <summary>
/// The app on a real Kestrel port (a browser cannot reach TestServer) and the system chromium, started once for all
/// browser tests. Playwright never downloads a browser here: it drives /usr/bin/chromium (or CHROMIUM_PATH).
/// </summary>
public class BrowserAppFixture : WebAppFixture
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>App settings of this fixture's app (none: the defaults of the Testing environment).</summary>
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;

    /// <summary>More services of this fixture's app (none).</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services) { }

    protected override DiaBanWebFactory CreateFactory()
    {
        var factory = new DiaBanWebFactory(ConnectionString, settings: Settings, services: ConfigureTestServices);
        factory.UseKestrel(0);
        return factory;
    }

    public override async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        await base.InitializeAsync();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (own cookies) with the Vietnamese locale and a desktop-sized window.</summary>
    public Task<IBrowserContext> NewContextAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseUrl,
        Locale = "vi-VN",
        ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
    });

    public override async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        playwright?.Dispose();
        await base.DisposeAsync();
    }

    private static string ChromiumPath()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        var path = string.IsNullOrWhiteSpace(configured) ? "/usr/bin/chromium" : configured;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"browser tests need the system chromium at {path} (apt-get install chromium, or set CHROMIUM_PATH)");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserAppFixture>
{
    public const string Name = "browser";
}
