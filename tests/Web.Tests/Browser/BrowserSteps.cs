using DiaBan.Web.Auth;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Browser;

/// <summary>What every browser test does the same way: sign in through the form, keep a screenshot.</summary>
public static class BrowserSteps
{
    /// <summary>Fills the login form on the current page and waits until the app has left /login.</summary>
    public static async Task SubmitLoginAsync(IPage page, string email)
    {
        await FillLoginAsync(page, email);
        await ClickSignInAsync(page);
    }

    public static async Task FillLoginAsync(IPage page, string email)
    {
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", DemoAccounts.Password);
    }

    /// <summary>The user presses "Đăng nhập": the moment a sign-in starts (typing the form is the user's time, not the app's).</summary>
    public static async Task ClickSignInAsync(IPage page)
    {
        await page.ClickAsync("button[type=submit]");
        // the next page parsed, not "load": load also waits for every preload and async module, and once (a full run at
        // load ~20) it did not come within 60 s although the page was there; each caller waits for what it reads
        // 120 s: in a full run Web.Tests shares the 2 cores with Geo.Tests, and once a sign-in did not leave /login in
        // 60 s; when it does not, the failure says what the page showed instead of a bare timeout
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/login"), new() { Timeout = 120_000, WaitUntil = WaitUntilState.DOMContentLoaded });
        }
        catch (TimeoutException e)
        {
            var shown = await page.InnerTextAsync("body", new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(unreadable)");
            throw new TimeoutException($"still on {page.Url} after signing in; the page showed: {shown[..Math.Min(shown.Length, 500)]}", e);
        }
    }

    /// <summary>A new page, signed in, on the map with its first year drawn.</summary>
    public static async Task<IPage> OpenMapAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await SubmitLoginAsync(page, email);
        await WaitForMapAsync(page);
        return page;
    }

    /// <summary>Opens the map at its own address (leaders land on their dashboard at "/") and waits until a year is drawn.</summary>
    public static async Task WaitForMapAsync(IPage page)
    {
        // a sign-in still under way first lands where it was going
        await page.WaitForURLAsync(url => !url.Contains("/login"), new() { Timeout = 60_000, WaitUntil = WaitUntilState.DOMContentLoaded });
        if (new Uri(page.Url).AbsolutePath != "/map") await page.GotoAsync("/map");
        await page.WaitForSelectorAsync("#status-map[data-units-key]:not([data-units-key=''])", new() { Timeout = 60_000 });
    }

    /// <summary>Waits until an open map popup has faded in and the map's auto-pan to it has ended, so a screenshot shows it whole.</summary>
    public static async Task PopupSettledAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => { const p = document.querySelector('.leaflet-popup'); return p && getComputedStyle(p).opacity === '1'; }");
        await page.WaitForTimeoutAsync(300); // Leaflet's auto-pan animation lasts 0.25 s
    }

    public static async Task ScreenshotAsync(IPage page, string name, ITestOutputHelper output)
    {
        var path = Path.Combine(Screenshots.Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }
}
