using System.Diagnostics;
using DiaBan.Web.Auth;
using DiaBan.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DiaBan.Web.Tests.Browser;

/// <summary>The patrol sheet of grid cells in a real browser: a police officer's communes only, one A4 per commune, recorded exposure.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PatrolSheetPageTests(BrowserAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task Police_sheet_shows_only_his_communes_cells_prints_one_A4_per_commune_and_recording_writes_exposure()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, "police@diaban.local");
        await page.GotoAsync("/patrol/sheet?day=2026-07-01");
        await page.WaitForSelectorAsync(".sheet-unit", new() { Timeout = 120_000 });
        // no cell model trained in tests (CellModel:Enabled false): the sheet names the baseline it used
        Assert.Equal("recent_count", await page.GetAttributeAsync("#sheet-scorer", "data-scorer"));
        Assert.Contains("số vụ gần đây", await page.InnerTextAsync("#sheet-scorer"));

        var mine = await app.StringsAsync(
            """SELECT unnest("AreaCommuneCodes") FROM auth."AspNetUsers" WHERE "Email" = 'police@diaban.local' ORDER BY 1""");
        var shown = await page.Locator(".sheet-unit").EvaluateAllAsync<string[]>("us => us.map(u => u.dataset.code)");
        Assert.Equal(mine, shown.Order(StringComparer.Ordinal));
        Assert.Equal(DemoAccounts.PoliceCommuneCount, shown.Length);

        // every listed cell lies in the officer's communes (checked against the grid in the database), and each map draws them
        var cells = await page.Locator(".sheet-unit .sheet-table tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.cell)");
        Assert.Equal(DemoAccounts.PoliceCommuneCount * 10, cells.Length);
        var outside = await app.ScalarAsync<long>("""
            SELECT count(*) FROM unnest(@ids) AS c(id) WHERE NOT EXISTS (
                SELECT 1 FROM grid_cell g JOIN admin_unit u ON u.id = g.unit_id
                WHERE g.size_m = 250 AND u.code = ANY(@codes) AND g.valid_to IS NULL
                  AND (((g.srid - 32600)::bigint << 48) | (g.i::bigint << 24) | g.j) = c.id)
            """, ("ids", cells.Select(long.Parse).ToArray()), ("codes", mine.ToArray()));
        Assert.Equal(0, outside);
        foreach (var code in shown)
            await page.WaitForSelectorAsync($"#sheet-map-{code}[data-feature-count='10']", new() { Timeout = 60_000 });
        // the demo gives about two thirds of its incidents a time: the note says how many of N, and whether the sheet is by shift
        Assert.Matches(@"\d+/\d+ vụ việc trong 730 ngày", await page.InnerTextAsync("#sheet-hours-note"));
        Assert.StartsWith("Ưu tiên theo nguy cơ (hạng 1/", (await page.Locator(".sheet-unit td.explanation").First.InnerTextAsync()).Trim());
        await BrowserSteps.ScreenshotAsync(page, "30-patrol-sheet-police", output);

        // printed: one A4 page per commune
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        var pdfPath = Path.Combine(Screenshots.Folder, "32-patrol-sheet-police.pdf");
        await File.WriteAllBytesAsync(pdfPath, pdf);
        // pdftoppm (poppler-utils) draws each page: the count of PNGs is the page count, and the pages can be looked at
        var prefix = Path.Combine(Screenshots.Folder, "32-patrol-sheet-page");
        foreach (var old in Directory.GetFiles(Screenshots.Folder, "32-patrol-sheet-page-*.png")) File.Delete(old);
        using (var process = Process.Start(new ProcessStartInfo("pdftoppm", ["-r", "50", "-png", pdfPath, prefix]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("pdftoppm did not start (apt-get install poppler-utils)"))
        {
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
        }
        var pages = Directory.GetFiles(Screenshots.Folder, "32-patrol-sheet-page-*.png");
        foreach (var png in pages.Order()) output.WriteLine(png);
        Assert.Equal(DemoAccounts.PoliceCommuneCount, pages.Length);
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        var before = await app.ScalarAsync<long>("SELECT count(*) FROM patrol_cell_exposure");
        await page.ClickAsync("#record-sheet");
        await page.WaitForSelectorAsync("#sheet-record-status");
        Assert.Equal(before + cells.Length, await app.ScalarAsync<long>("SELECT count(*) FROM patrol_cell_exposure"));
        Assert.Equal(DemoAccounts.PoliceCommuneCount * 2, await app.ScalarAsync<long>(
            "SELECT count(*) FROM patrol_cell_exposure WHERE exploration AND recorded_by = 'web:police@diaban.local'"));
        Assert.True(await app.ScalarAsync<long>(
            "SELECT count(*) FROM audit_entry WHERE entity = 'patrol_cell_exposure' AND actor = 'web:police@diaban.local'") >= 1);
        await BrowserSteps.ScreenshotAsync(page, "31-patrol-sheet-recorded", output);
    }

    [Fact]
    public async Task Police_picks_the_night_shift_and_sees_shift_forecasts_and_the_weekday_by_hour_tables()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, "police@diaban.local");
        await page.GotoAsync("/patrol/sheet?day=2026-07-01");
        await page.WaitForSelectorAsync(".sheet-unit", new() { Timeout = 120_000 });
        var daily = await page.Locator(".sheet-unit td.explanation").First.InnerTextAsync();
        Assert.DoesNotContain("Ca 22:00–06:00", daily);

        await page.SelectOptionAsync("#sheet-shift", "22-06");
        await page.ClickAsync("#sheet-apply");
        await page.WaitForFunctionAsync("""
            () => [...document.querySelectorAll('.sheet-period')].some(p => p.textContent.includes('ca 22:00–06:00'))
            """, null, new() { Timeout = 120_000 });
        await page.Locator(".sheet-unit .sheet-hours").First.ScrollIntoViewIfNeededAsync();
        await page.Locator(".sheet-unit").First.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "33-patrol-sheet-night-shift.png") });
        await page.Locator("#hours-cells").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, "34-patrol-sheet-hours-cells.png") });
        await BrowserSteps.ScreenshotAsync(page, "35-patrol-sheet-night-shift-page", output);

        // each commune: by shift (its cells' or its own share, said in every reason) or daily with the reason why
        var units = await page.Locator(".sheet-unit").EvaluateAllAsync<string[][]>("""
            us => us.map(u => [u.querySelector('.sheet-shift').dataset.basis,
                               ...[...u.querySelectorAll('td.explanation')].map(td => td.textContent)])
            """);
        Assert.Equal(DemoAccounts.PoliceCommuneCount, units.Length);
        foreach (var unit in units)
        {
            Assert.All(unit.Skip(1), text => Assert.Contains(unit[0] == "Daily" ? "chưa chia theo ca 22:00–06:00" : "Ca 22:00–06:00: dự báo = dự báo cả ngày ×", text));
            output.WriteLine($"{unit[0]}: {unit[1]}");
        }
        Assert.Contains(units, u => u[0] != "Daily");
        Assert.Contains("Dự báo theo ca", await page.InnerTextAsync("#sheet-hours-note"));

        // one table per commune and one for the sheet's cells: 7 weekday rows (Monday first) × 24 hours, the night shift marked
        Assert.Equal(DemoAccounts.PoliceCommuneCount, await page.Locator(".sheet-unit .tow-heat").CountAsync());
        Assert.Equal(["T2", "T3", "T4", "T5", "T6", "T7", "CN"],
            await page.Locator("#hours-cells tbody th").EvaluateAllAsync<string[]>("ths => ths.map(t => t.textContent.trim())"));
        Assert.Equal(24, await page.Locator("#hours-cells tbody tr").First.Locator("td[data-hour]").CountAsync());
        Assert.Equal(["00", "01", "02", "03", "04", "05", "22", "23"],
            await page.Locator("#hours-cells th.in-shift").EvaluateAllAsync<string[]>("ths => ths.map(t => t.textContent.trim())"));

        // a commune's table adds up to its timed incidents of the year before the sheet (patrol finds left out), checked in the database
        var first = await page.Locator(".sheet-unit").First.GetAttributeAsync("data-code");
        var shown = await page.Locator($"#hours-{first} td[data-count]").EvaluateAllAsync<int[]>("tds => tds.map(t => +t.dataset.count)");
        var timed = await app.ScalarAsync<long>("""
            SELECT count(*) FROM incident i JOIN admin_unit u ON u.code = @code AND u.level = 'commune' AND u.valid_to IS NULL AND ST_Covers(u.geom, i.geom)
            WHERE i.occurred_on >= '2024-07-01' AND i.occurred_on < '2026-07-01' AND i.kind <> 'other' AND COALESCE(i.source, '') <> 'patrol'
              AND i.occurred_at IS NOT NULL
            """, ("code", first!));
        Assert.Equal(timed, shown.Sum());
        Assert.True(timed > 0);
    }

    [Fact]
    public async Task The_sheet_follows_the_language_switch()
    {
        // the walkthrough found the sheet's own texts hard-coded in Vietnamese: they follow the switch like its shift texts
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await BrowserSteps.SubmitLoginAsync(page, "police@diaban.local");
        await page.GotoAsync("/patrol/sheet?day=2026-07-01");
        await page.WaitForSelectorAsync(".sheet-unit", new() { Timeout = 120_000 });
        Assert.Contains("Phiếu tuần tra theo ô", await page.InnerTextAsync("h1"));
        Assert.Contains("Vị trí (tâm ô)", await page.InnerTextAsync(".sheet-table thead"));

        await page.GotoAsync("/account/culture?culture=en&returnUrl=" + Uri.EscapeDataString("/patrol/sheet?day=2026-07-01"));
        await page.WaitForSelectorAsync(".sheet-unit", new() { Timeout = 120_000 });
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.StartsWith("Patrol sheet by ", await page.InnerTextAsync("h1"));
        Assert.Equal("Place (cell centre)|Forecast incidents|Reasons|Patrolled",
            string.Join("|", (await page.Locator(".sheet-table").First.Locator("thead th").AllInnerTextsAsync()).Skip(1)));
        Assert.Equal("Build sheet", (await page.InnerTextAsync("#sheet-apply")).Trim());
        Assert.StartsWith("Day 01/07/2026", await page.Locator(".sheet-period").First.InnerTextAsync());
        Assert.StartsWith("Patrol team:", await page.Locator(".sheet-sign").First.InnerTextAsync());
        var controls = await page.InnerTextAsync(".patrol-controls");
        foreach (var vietnamese in new[] { "Từ ngày", "Lập phiếu", "In phiếu", "Ghi nhận", "Số ô mỗi xã", "Tỷ lệ thăm dò" })
            Assert.DoesNotContain(vietnamese, controls);
        Assert.DoesNotContain("Chống vòng lặp", await page.InnerTextAsync("#sheet-note"));
        // numbers in English too: a decimal point, not the Vietnamese comma
        Assert.Matches(@"^<?\d+\.\d\d", await page.Locator(".sheet-table tbody tr td:nth-child(3)").First.InnerTextAsync());
        // and the reasons: the assignment sentence and the model's reasons are worded in English (PatrolAssignmentText)
        var explanation = (await page.Locator(".sheet-unit td.explanation").First.InnerTextAsync()).Trim();
        Assert.StartsWith("Risk priority (rank 1/", explanation);
        Assert.DoesNotContain("Lý do", explanation);
        await BrowserSteps.ScreenshotAsync(page, "37-patrol-sheet-english", output);
    }
}
