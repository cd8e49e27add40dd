using System.Net;
using System.Text.Json;
using DiaBan.Web.Tests.Infrastructure;

namespace DiaBan.Web.Tests.Api;

/// <summary>Every layer, statistic and report takes the one period= (month, quarter, half, year) and refuses a bad code with 400 naming period.</summary>
public sealed class PeriodParameterTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("/api/status?period=")]
    [InlineData("/api/completeness?period=")]
    [InlineData("/api/hotspots?period=")]
    [InlineData("/api/clusters?period=")]
    [InlineData("/api/emerging?period=")]
    [InlineData("/api/density?period=")]
    [InlineData("/api/figures?period=")]
    [InlineData("/api/reports/{0}.xlsx")]
    public async Task A_bad_period_is_a_400_naming_period(string url)
    {
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        foreach (var bad in new[] { "2026Q5", "2026-13", "2026H3", "26" })
        {
            var response = await leader.GetAsync(url.Contains("{0}") ? string.Format(url, bad) : url + bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
            Assert.StartsWith($"period '{bad}'", detail);
        }
    }

    [Theory]
    [InlineData("2025-03")]
    [InlineData("2025Q3")]
    [InlineData("2025H1")]
    [InlineData("2025")]
    public async Task The_status_layer_shows_the_status_of_the_year_containing_the_period(string period)
    {
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var byPeriod = await leader.GetStringAsync($"/api/status?period={period}");
        var byYear = await leader.GetStringAsync("/api/status?year=2025");
        Assert.Equal(byYear, byPeriod);
    }

    [Theory]
    [InlineData("2025-03", "2025-04-15")]
    [InlineData("2025Q3", "2025-10-15")]
    [InlineData("2025H1", "2025-07-15")]
    [InlineData("2025", "2026-01-15")]
    public async Task Completeness_takes_any_period_with_its_own_deadline(string period, string deadline)
    {
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var report = JsonDocument.Parse(await leader.GetStringAsync($"/api/completeness?period={period}")).RootElement;
        Assert.Equal(period, report.GetProperty("period").GetString());
        Assert.Equal(deadline, report.GetProperty("deadline").GetString());
        Assert.True(report.GetProperty("communes").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Statistics_count_incidents_over_the_period()
    {
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        async Task<double> SumAsync(string url)
        {
            var response = await leader.GetAsync(url);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
            return JsonDocument.Parse(text).RootElement.GetProperty("features").EnumerateArray()
                .Sum(f => f.GetProperty("properties").TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0);
        }
        // 2024: one set of communes all year (the 2025 merger would change the units between quarters)
        var year = await SumAsync("/api/hotspots?period=2024");
        var first = await SumAsync("/api/hotspots?period=2024H1");
        var march = await SumAsync("/api/clusters?period=2024-03");
        var quarters = 0.0;
        foreach (var q in new[] { "2024Q1", "2024Q2", "2024Q3", "2024Q4" }) quarters += await SumAsync($"/api/hotspots?period={q}");
        Assert.Equal(year, quarters, 6);
        Assert.True(first < year && march < first && march > 0, $"year {year}, H1 {first}, March {march}");
        Assert.Equal(year, await SumAsync("/api/hotspots?year=2024"), 6);

        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/api/emerging?period=2025")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync("/api/density?period=2025-03")).StatusCode);
    }

    [Theory]
    [InlineData("2025-03", "tháng 3/2025")]
    [InlineData("2025Q1", "quý I/2025")]
    public async Task Reports_are_written_for_a_quarter_and_a_month(string period, string label)
    {
        using var leader = await ApiLogin.ClientForAsync(app, "leader@diaban.local");
        var response = await leader.GetAsync($"/api/reports/{period}.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"bao-cao-{period}.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join(" ", MiniExcelLibs.MiniExcel.GetSheetNames(stream).SelectMany(sheet =>
            MiniExcelLibs.MiniExcel.Query(stream, sheetName: sheet).Cast<IDictionary<string, object?>>().SelectMany(r => r.Values)).Select(v => v?.ToString()));
        Assert.Contains(label, text);
    }
}
