using System.CommandLine;
using DiaBan.Demo.National;
using DiaBan.Demo.Province;
using DiaBan.Geo.Services;
using Microsoft.EntityFrameworkCore;

namespace DiaBan.Cli.Commands;

/// <summary>`diaban demo seed [--boundaries … --boundaries-2025 … --crosswalk …] [--force] [--seed N]`.</summary>
public sealed class DemoCommands : ICommandGroup
{
    public string Name => "demo";

    public Command Build()
    {
        var demo = new Command(Name, "seed the simulated demo province / nạp dữ liệu mô phỏng");
        demo.Subcommands.Add(Seed());
        return demo;
    }

    private static Command Seed()
    {
        var defaults = new DemoBoundaryFields();
        var force = new Option<bool>("--force") { Description = "wipe the data first (audit kept) / xóa dữ liệu cũ trước khi nạp" };
        var seed = CliOptions.Int("--seed", "random seed of the simulation / hạt giống ngẫu nhiên");
        seed.DefaultValueFactory = _ => new DemoProvinceOptions().Seed;
        var pre = CliOptions.Text("--boundaries", "real communes before the 2025 merger (GeoJSON) / ranh giới xã trước 2025", "pre2025.geojson");
        var post = CliOptions.Text("--boundaries-2025", "real communes after it / ranh giới xã sau 2025", "post2025.geojson");
        var crosswalk = CliOptions.Text("--crosswalk", "old → new commune crosswalk CSV / bảng chuyển đổi xã", "csv");
        var preCode = Field("--code-field", defaults.PreCodeField);
        var preName = Field("--name-field", defaults.PreNameField);
        var prePopulation = Field("--population-field", defaults.PrePopulationField);
        var postCode = Field("--code-field-2025", defaults.PostCodeField);
        var postName = Field("--name-field-2025", defaults.PostNameField);
        var national = new Option<bool>("--national")
        {
            Description = "the whole country: the simulation over the real national layers (11,163 communes before the merger, " +
                          "3,321 after, 34 provinces, about a million incidents) / toàn quốc",
        };
        var data = CliOptions.Text("--data", "with --national: the folder of the real layers (default: env DIABAN_VN_DATA, " +
                                             "else shared/data/vn above the current folder) / thư mục dữ liệu", "DIR");
        var provinces = CliOptions.Text("--provinces", "with --national: only these post-2025 province codes (e.g. 96,80) / chỉ các tỉnh này", "CODES");
        var scale = CliOptions.Parsed<double>("--scale", "incident rate multiplier (default 1 for a province, " +
            $"{NationalScale.ToString(System.Globalization.CultureInfo.InvariantCulture)} with --national) / hệ số số vụ việc", "X", false,
            text => double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x) && x > 0
                ? x : throw new FormatException($"--scale '{text}' is not a positive number"));
        var noGrid = new Option<bool>("--no-grid")
        {
            Description = "skip the patrol grid (build it later with `grid build`; the web demo builds it at start) / không dựng lưới ô",
        };
        var command = new Command("seed",
            "a synthetic province (about 100 communes merged into 35 on 1/7/2025), incidents 2019–2026, then classification\n" +
            "of every year; with --boundaries, --boundaries-2025 and --crosswalk the same simulation over real boundaries\n" +
            "(field defaults fit ../shared/data/vn Cà Mau files). Skipped when the database already has boundaries.\n" +
            "Tỉnh mô phỏng, vụ việc 2019–2026, xếp loại từng năm; bỏ qua nếu CSDL đã có dữ liệu, --force để nạp lại.")
        {
            force, seed, pre, post, crosswalk, preCode, preName, prePopulation, postCode, postName, national, data, provinces, scale, noGrid,
        };
        command.Validators.Add(r =>
        {
            var real = new Option[] { pre, post, crosswalk }.Count(o => r.GetResult(o) is not null);
            if (real is not (0 or 3)) r.AddError("real boundaries need all three of --boundaries, --boundaries-2025, --crosswalk");
            if (r.GetValue(national) && real > 0) r.AddError("--national reads its own layers: drop --boundaries, --boundaries-2025, --crosswalk");
            if (!r.GetValue(national) && (r.GetResult(data) is not null || r.GetResult(provinces) is not null))
                r.AddError("--data and --provinces go with --national");
        });
        CliAction.Set(command, async (ctx, p, ct) =>
        {
            var options = new DemoProvinceOptions { Seed = p.GetValue(seed)!.Value };
            await using var db = await ctx.OpenDbAsync(ct);
            if (p.GetValue(national))
            {
                var folder = p.GetValue(data) ?? VnFolder();
                var codes = p.GetValue(provinces)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var seeded = await ctx.Terminal.StepAsync("national demo / dữ liệu mô phỏng toàn quốc…", async progress =>
                {
                    var seeder = new DemoSeeder(db, progress);
                    if (!p.GetValue(force) && await seeder.HasDataAsync(ct)) return DemoSeedResult.Skipped;
                    progress($"reading the national layers in {folder}…");
                    var input = NationalDemoFiles.Read(folder, codes);
                    progress($"{input.Provinces.Count} provinces, {input.PreMergerUnits:N0} pre-2025 communes " +
                             $"({input.CrosswalkMatched:N0} named in the crosswalk)");
                    return await seeder.SeedNationalAsync(input, options with { IncidentScale = p.GetValue(scale) ?? NationalScale },
                        p.GetValue(force), ct);
                });
                ctx.Out.WriteLine(seeded.ToString().Split('\n')[0] + (seeded.AlreadySeeded ? "" : $" ({clock.Elapsed.TotalSeconds:0} s)"));
                ClassifyCommand.Show(ctx.Terminal, seeded.Years, "  ");
                return DiaBanCli.Ok;
            }
            options = options with { IncidentScale = p.GetValue(scale) ?? options.IncidentScale };
            var result = await ctx.Terminal.StepAsync("generating demo province / đang tạo dữ liệu mô phỏng…", async progress =>
            {
                var seeder = new DemoSeeder(db, progress);
                if (!p.GetValue(force) && await seeder.HasDataAsync(ct)) return DemoSeedResult.Skipped;
                var demo = p.GetValue(pre) is { } preFile
                    ? DemoProvinceGenerator.Generate(DemoBoundaryFiles.Read(preFile, p.GetValue(post)!, p.GetValue(crosswalk)!, new DemoBoundaryFields
                    {
                        PreCodeField = p.GetValue(preCode)!,
                        PreNameField = p.GetValue(preName)!,
                        PrePopulationField = p.GetValue(prePopulation)!,
                        PostCodeField = p.GetValue(postCode)!,
                        PostNameField = p.GetValue(postName)!,
                    }), options)
                    : DemoProvinceGenerator.Generate(options);
                return await seeder.SeedAsync(demo, p.GetValue(force), ct);
            });
            // the summary line, then the years (a table on a terminal, the result's own indented lines otherwise)
            ctx.Out.WriteLine(result.ToString().Split('\n')[0]);
            ClassifyCommand.Show(ctx.Terminal, result.Years, "  ");
            // the patrol sheet's grid (default size; `diaban grid build --size N` for another); the national demo is left
            // to `grid build`: 250 m squares over the whole country are millions of rows
            if (!p.GetValue(national) && !p.GetValue(noGrid) && (p.GetValue(force) || !await db.GridCells.AnyAsync(c => c.SizeM == GridBuilder.DefaultSizeM, ct)))
            {
                var grid = await ctx.Terminal.StepAsync("building the patrol grid / đang dựng lưới ô…", _ => new GridBuilder(db).BuildAsync(ct: ct));
                ctx.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"grid {grid.SizeM} m: {grid.Cells:N0} cells in {grid.Communes} communes, {grid.Elapsed.TotalSeconds:0.0} s"));
            }
            return DiaBanCli.Ok;
        });
        return command;
    }

    /// <summary>Incident rate of the national demo: about a million incidents 2019–2026 over the country.</summary>
    public const double NationalScale = 3.5;

    private static string VnFolder()
    {
        if (Environment.GetEnvironmentVariable("DIABAN_VN_DATA") is { Length: > 0 } configured) return Path.GetFullPath(configured);
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "shared", "data", "vn"))) return Path.Combine(dir.FullName, "shared", "data", "vn");
        throw new CliUsageException("--national: no shared/data/vn above the current folder; give --data DIR or set DIABAN_VN_DATA");
    }

    private static Option<string> Field(string name, string defaultValue)
    {
        var option = CliOptions.Text(name, "attribute of the real boundary files / cột trong tệp ranh giới thật");
        option.DefaultValueFactory = _ => defaultValue;
        return option;
    }
}
