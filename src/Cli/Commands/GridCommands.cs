using System.CommandLine;
using System.Globalization;
using DiaBan.Geo.Services;

namespace DiaBan.Cli.Commands;

/// <summary>`diaban grid build [--size 250]`: (re)builds the patrol grid (table grid_cell) for every commune version.</summary>
public sealed class GridCommands : ICommandGroup
{
    public string Name => "grid";

    public Command Build()
    {
        var grid = new Command(Name, "the patrol grid of square cells / lưới ô tuần tra");
        var size = CliOptions.Int("--size", "side of a cell in metres (10–10000) / cạnh ô (mét)", "M", min: 10);
        size.DefaultValueFactory = _ => GridBuilder.DefaultSizeM;
        var build = new Command("build",
            "square cells of --size metres in UTM (48N/49N by the province), clipped to every commune version and tagged\n" +
            "with its validity, so each date finds the commune valid on it; rebuilding a size replaces it.\n" +
            "Dựng lưới ô vuông theo UTM, cắt theo từng xã (cả trước và sau sáp nhập); dựng lại sẽ thay lưới cũ cùng kích thước.")
        {
            size,
        };
        CliAction.Set(build, async (ctx, p, ct) =>
        {
            await using var db = await ctx.OpenDbAsync(ct);
            var result = await ctx.Terminal.StepAsync("building the grid / đang dựng lưới ô…",
                _ => new GridBuilder(db).BuildAsync(p.GetValue(size)!.Value, ct));
            ctx.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"grid {result.SizeM} m: {result.Cells:N0} cells ({result.Squares:N0} squares) in {result.Communes} communes, {result.Elapsed.TotalSeconds:0.0} s"));
            return DiaBanCli.Ok;
        });
        grid.Subcommands.Add(build);
        return grid;
    }
}
