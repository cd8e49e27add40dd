using DiaBan.Demo.Province;

namespace DiaBan.Cli.Commands;

/// <summary>`diaban demo seed [--boundaries … --boundaries-2025 … --crosswalk …] [--force] [--seed N]`.</summary>
public sealed class DemoCommands : ICommandGroup
{
    public string Name => "demo";
    public string Summary => "seed the simulated demo province / nạp dữ liệu mô phỏng";

    public string Usage => """
        usage / cách dùng:
          diaban demo seed [--force] [--seed N]
              a synthetic province (about 100 communes merged into 35 on 1/7/2025), incidents 2019–2026,
              then classification of every year / tỉnh mô phỏng, vụ việc 2019–2026, xếp loại từng năm
          diaban demo seed --boundaries <pre2025.geojson> --boundaries-2025 <post2025.geojson> --crosswalk <csv>
                 [--code-field F --name-field F --population-field F --code-field-2025 F --name-field-2025 F]
              the same simulation over real boundaries (defaults fit ../shared/data/vn Cà Mau files)
        Seeding is skipped when the database already has boundaries; --force wipes the data first (audit kept).
        Bỏ qua nếu CSDL đã có dữ liệu; --force xóa dữ liệu cũ trước khi nạp.

        """;

    public async Task<int> RunAsync(CliContext ctx, CliArgs args, CancellationToken ct)
    {
        var verb = args.Shift();
        if (verb != "seed") throw new CliUsageException(verb is null ? "missing 'seed'" : $"unknown demo command '{verb}'");
        if (args.Positional.Count > 0) throw new CliUsageException($"unexpected arguments: {string.Join(' ', args.Positional)}");
        var force = args.Flag("force");
        var options = new DemoOptions { Seed = args.Int("seed") ?? new DemoOptions().Seed };
        var pre = args.Option("boundaries");
        var post = args.Option("boundaries-2025");
        var crosswalk = args.Option("crosswalk");
        var defaults = new DemoBoundaryFields();
        var fields = new DemoBoundaryFields
        {
            PreCodeField = args.Option("code-field") ?? defaults.PreCodeField,
            PreNameField = args.Option("name-field") ?? defaults.PreNameField,
            PrePopulationField = args.Option("population-field") ?? defaults.PrePopulationField,
            PostCodeField = args.Option("code-field-2025") ?? defaults.PostCodeField,
            PostNameField = args.Option("name-field-2025") ?? defaults.PostNameField,
        };
        args.ThrowIfUnused();
        var real = new[] { pre, post, crosswalk }.Count(x => x is not null);
        if (real is not (0 or 3))
            throw new CliUsageException("real boundaries need all three of --boundaries, --boundaries-2025, --crosswalk");

        await using var db = await ctx.OpenDbAsync(ct);
        var seeder = new DemoSeeder(db, ctx.Progress);
        if (!force && await seeder.HasDataAsync(ct))
        {
            ctx.Out.WriteLine(DemoSeedResult.Skipped);
            return DiaBanCli.Ok;
        }
        ctx.Progress("generating demo province / đang tạo dữ liệu mô phỏng…");
        var demo = real == 3
            ? DemoProvinceGenerator.Generate(DemoBoundaryFiles.Read(pre!, post!, crosswalk!, fields), options)
            : DemoProvinceGenerator.Generate(options);
        var result = await seeder.SeedAsync(demo, force, ct);
        ctx.Out.WriteLine(result);
        return DiaBanCli.Ok;
    }
}
