using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Browser;

/// <summary>
/// /inspections in a real browser: the commune police officer enters an inspection of a business of his area and submits
/// it; a leader verifies it; the business's popup on the map then shows it as the last inspection.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InspectionsPageTests(BrowserAppFixture app, ITestOutputHelper output)
{
    private const string Findings = "Kiểm tra đột xuất: phát hiện 2 người sử dụng ma túy trong phòng hát số 3";

    [Fact]
    public async Task Police_enters_and_submits_an_inspection_a_leader_verifies_it_and_the_map_shows_it()
    {
        var business = await app.ScalarAsync<int>("""
            SELECT min(b.id) FROM conditional_business b JOIN admin_unit u ON u.id = b.unit_id
            WHERE u.valid_to IS NULL AND u.code IN (SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local')
            """);
        await using (var police = await app.NewContextAsync())
        {
            var page = await police.NewPageAsync();
            await page.GotoAsync("/login");
            await BrowserSteps.SubmitLoginAsync(page, "police@diaban.local");
            await page.GotoAsync("/inspections");
            await page.WaitForSelectorAsync("#inspection-business");
            // a business outside his area is not offered
            var offered = await page.Locator("#inspection-business option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)");
            Assert.Contains(business.ToString(), offered);
            Assert.Equal(await app.ScalarAsync<long>("""
                SELECT count(*) FROM conditional_business b JOIN admin_unit u ON u.id = b.unit_id
                WHERE u.code IN (SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local')
                """) + 1, offered.Length);

            await page.SelectOptionAsync("#inspection-business", business.ToString());
            await page.FillAsync("#inspection-date", "2026-04-02");
            await page.SelectOptionAsync("#inspection-kind", "surprise");
            await page.CheckAsync("input[data-violation='drug_use_on_premises']");
            await page.FillAsync("#inspection-findings", Findings);
            await page.FillAsync("#inspection-unit", "Công an xã — tổ kiểm tra");
            await page.ClickAsync("#inspection-save-submit");
            var row = page.Locator("#inspection-table tr[data-state='submitted']", new() { HasTextString = Findings });
            await row.WaitForAsync();
            await BrowserSteps.ScreenshotAsync(page, "inspections-01-police-submitted", output);
            Assert.Equal(0, await row.Locator("button.verify").CountAsync());
        }
        var id = await app.ScalarAsync<long>("SELECT max(id) FROM business_inspection WHERE findings = @f", ("f", Findings));
        Assert.Equal("submitted", (await app.StringsAsync("SELECT state FROM business_inspection WHERE id = @id", ("id", id))).Single());

        await using var leader = await app.NewContextAsync();
        var leaderPage = await leader.NewPageAsync();
        await leaderPage.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(leaderPage, "leader@diaban.local");
        await leaderPage.GotoAsync("/inspections");
        var pending = leaderPage.Locator($"#inspection-table tr[data-id='{id}']");
        await pending.Locator("button.verify").ClickAsync();
        await leaderPage.WaitForSelectorAsync($"#inspection-table tr[data-id='{id}'][data-state='verified']");
        await BrowserSteps.ScreenshotAsync(leaderPage, "inspections-02-leader-verified", output);

        await BrowserSteps.WaitForMapAsync(leaderPage);
        await leaderPage.CheckAsync("#layer-businesses");
        await leaderPage.WaitForSelectorAsync("#status-map[data-businesses-key='all']");
        await leaderPage.Locator($"#status-map path.place-businesses[data-id='{business}']").DispatchEventAsync("click");
        var popup = leaderPage.Locator(".leaflet-popup-content .place-popup");
        await popup.WaitForAsync();
        var text = await popup.InnerTextAsync();
        Assert.Contains("2026-04-02", text);
        Assert.Contains(Findings, text);
        await BrowserSteps.ScreenshotAsync(leaderPage, "inspections-03-last-inspection-on-the-map", output);
        Assert.Equal(3, await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_entry WHERE entity = 'business_inspection' AND entity_key = @k", ("k", id.ToString())));
    }
}
