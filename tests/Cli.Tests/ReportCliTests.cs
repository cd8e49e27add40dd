using MiniExcelLibs;

namespace DiaBan.Cli.Tests;

/// <summary>`diaban report` on the seeded demo province: both formats written, a wrong period or province refused.</summary>
public class ReportCliTests(ReportCliTests.Fixture fx) : IClassFixture<ReportCliTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture, IDisposable
    {
        public string Folder { get; } = Directory.CreateTempSubdirectory("diaban-report-").FullName;

        public CliRunner.Run Seed { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Seed = await CliRunner.RunAsync(ConnectionString, "demo", "seed", "--no-grid");
        }

        public void Dispose() => Directory.Delete(Folder, recursive: true);
    }

    [Fact]
    public async Task Writes_the_half_year_xlsx_of_a_province_with_one_sheet_per_table_and_numbers()
    {
        Assert.True(fx.Seed.ExitCode == 0, fx.Seed.Err);
        var province = await fx.ScalarAsync<string>("SELECT code FROM admin_unit WHERE level = 'province' LIMIT 1");
        var file = Path.Combine(fx.Folder, "so-ket.xlsx");
        var run = await CliRunner.RunAsync(fx.ConnectionString, "report", "--period", "2026H1", "--province", province, "--format", "xlsx", "--out", file);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains("sơ kết", run.Out);
        var sheets = MiniExcel.GetSheetNames(file);
        Assert.Equal(12, sheets.Count);
        var rows = MiniExcel.Query(file, sheetName: sheets[0]).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToArray()).ToList();
        Assert.Contains("6 tháng đầu năm 2026", (string)rows[0][0]!);
        var communes = await fx.ScalarAsync<long>(
            "SELECT count(*) FROM admin_unit WHERE level = 'commune' AND valid_from <= '2026-06-30' AND (valid_to IS NULL OR valid_to > '2026-06-30')");
        var total = rows.Single(r => (r[0] as string) == "Tổng số xã");
        Assert.Equal(communes, Assert.IsType<double>(total[1]));
    }

    [Theory]
    [InlineData("2026Q1", "quý I/2026", "2026-03-31")]
    [InlineData("2026-03", "tháng 3/2026", "2026-03-31")]
    public async Task Writes_the_quarterly_and_monthly_xlsx(string period, string label, string end)
    {
        Assert.True(fx.Seed.ExitCode == 0, fx.Seed.Err);
        var file = Path.Combine(fx.Folder, $"bao-cao-{period}.xlsx");
        var run = await CliRunner.RunAsync(fx.ConnectionString, "report", "--period", period, "--format", "xlsx", "--out", file);
        Assert.True(run.ExitCode == 0, run.Err);
        Assert.Contains($"Báo cáo kết quả công tác phòng, chống ma túy {label}", run.Out);
        var sheets = MiniExcel.GetSheetNames(file);
        var rows = MiniExcel.Query(file, sheetName: sheets[0]).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToArray()).ToList();
        Assert.Contains(label, (string)rows[0][0]!);
        // the communes valid at the period's end, not at the year's
        var communes = await fx.ScalarAsync<long>(
            $"SELECT count(*) FROM admin_unit WHERE level = 'commune' AND valid_from <= '{end}' AND (valid_to IS NULL OR valid_to > '{end}')");
        Assert.Equal(communes, Assert.IsType<double>(rows.Single(r => (r[0] as string) == "Tổng số xã")[1]));
    }

    [Fact]
    public async Task Writes_the_annual_pdf()
    {
        Assert.True(fx.Seed.ExitCode == 0, fx.Seed.Err);
        var file = Path.Combine(fx.Folder, "tong-ket.pdf");
        var run = await CliRunner.RunAsync(fx.ConnectionString, "report", "--period", "2025", "--format", "pdf", "--out", file);
        Assert.True(run.ExitCode == 0, run.Err);
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
    }

    [Fact]
    public async Task A_wrong_period_is_a_usage_error_and_an_unknown_province_is_named()
    {
        var file = Path.Combine(fx.Folder, "x.xlsx");
        var period = await CliRunner.RunAsync(fx.ConnectionString, "report", "--period", "2026H3", "--format", "xlsx", "--out", file);
        Assert.Equal(2, period.ExitCode);
        Assert.Contains("2026H1", period.Err);
        var province = await CliRunner.RunAsync(fx.ConnectionString, "report", "--period", "2026", "--province", "ZZ", "--format", "xlsx", "--out", file);
        Assert.NotEqual(0, province.ExitCode);
        Assert.Contains("'ZZ'", province.Err);
        Assert.False(File.Exists(file));
    }
}
