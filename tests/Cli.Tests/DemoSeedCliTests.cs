
namespace DiaBan.Cli.Tests;

/// <summary>`diaban demo seed` over the real Cà Mau boundaries, then again (skipped).</summary>
public class DemoSeedCliTests(DemoSeedCliTests.Fixture fx) : IClassFixture<DemoSeedCliTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public CliRunner.Run First { get; private set; } = null!;
        public CliRunner.Run Again { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            First = await CliRunner.RunAsync(ConnectionString, "demo", "seed",
                "--boundaries", SharedData.VnFile("communes_pre2025_ca_mau.geojson"),
                "--boundaries-2025", SharedData.VnFile("communes_2025_ca_mau.geojson"),
                "--crosswalk", SharedData.VnFile("crosswalk_2025_old_to_new_commune.csv"), "--no-grid");
            Again = await CliRunner.RunAsync(ConnectionString, "demo", "seed", "--no-grid");
        }
    }

    [Fact]
    public async Task Real_boundaries_are_seeded_with_the_101_old_communes_and_the_new_units_receiving_them()
    {
        Assert.True(fx.First.ExitCode == 0, fx.First.Err);
        Assert.Contains("demo seeded", fx.First.Out);
        Assert.Equal(101L, await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE level = 'commune' AND valid_to = '2025-07-01'"));
        // old Cà Mau went into new Cà Mau units only; the ones made of old Bạc Liêu alone are left out
        var post = await fx.ScalarAsync<long>("SELECT count(*) FROM admin_unit WHERE level = 'commune' AND valid_from = '2025-07-01'");
        Assert.Equal(39L, post);
        Assert.Equal("Tỉnh Cà Mau", await fx.ScalarAsync<string>("SELECT name FROM admin_unit WHERE level = 'province'"));
    }

    [Fact]
    public void Every_year_2019_to_2026_is_classified()
    {
        foreach (var year in Enumerable.Range(2019, 8)) Assert.Contains($"\n  {year}: ", fx.First.Out);
    }

    [Fact]
    public void A_second_seed_is_skipped_without_error()
    {
        Assert.Equal(0, fx.Again.ExitCode);
        Assert.Contains("already seeded", fx.Again.Out);
    }

    [Fact]
    public async Task Real_boundaries_need_all_three_files()
    {
        var run = await CliRunner.RunAsync(fx.ConnectionString, "demo", "seed", "--boundaries", "x.geojson");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("need all three", run.Err);
    }
}
