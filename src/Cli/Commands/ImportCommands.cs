using DiaBan.Geo.Crs;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;

namespace DiaBan.Cli.Commands;

/// <summary>`diaban import boundaries|lineage|incidents|indicators|businesses &lt;file&gt; …`: one transaction per file.</summary>
public sealed class ImportCommands : ICommandGroup
{
    public string Name => "import";
    public string Summary => "import boundaries, lineage, incidents, indicators, businesses / nhập dữ liệu";

    public string Usage => """
        usage / cách dùng:
          diaban import boundaries <file.geojson|file.shp> --level province|commune --valid-from YYYY-MM-DD
                 [--valid-to YYYY-MM-DD] --code-field F --name-field F [--code-fallback-field F]
                 [--parent-code-field F] [--population-field F] [--kind-field F] [--crs EPSG:xxxx]
              ranh giới đơn vị hành chính; valid-to is exclusive (không bao gồm); a Shapefile without .prj needs --crs
          diaban import lineage <crosswalk.csv> --switch-date YYYY-MM-DD [--new-province CODE]
              columns old_commune_code,new_commune_code,merge_type (full|partial); area shares from geometry
          diaban import incidents <file.csv|file.xlsx> [--crs EPSG:xxxx] [--province CODE]
              columns id,occurred_on,kind,lon,lat (or x,y with --crs),persons,plants,area_m2,source
          diaban import indicators <file.csv|file.xlsx>
              columns commune_code,year and any of population_resident,users_addicts_managed,
              harbouring_places_active_at_end,harbouring_places_detected_in_period,offenders_arrested,
              plants_destroyed_count,plants_destroyed_m2,on_key_route (none|intra|inter),hotspots
          diaban import businesses <file.csv|file.xlsx> [--crs EPSG:xxxx]
              columns id,kind (karaoke|bar|hotel|other),name,opened_on,closed_on,lon,lat (or x,y)
        A file with any bad row changes nothing; every bad row is listed as file:row:field: message.
        Tệp có dòng lỗi sẽ không được nhập; mỗi lỗi được ghi dạng tệp:dòng:cột: nội dung. See data/README.md.

        """;

    public async Task<int> RunAsync(CliContext ctx, CliArgs args, CancellationToken ct)
    {
        var what = args.Shift() ?? throw new CliUsageException("missing what to import / thiếu loại dữ liệu cần nhập");
        var result = what switch
        {
            "boundaries" => await BoundariesAsync(ctx, args, ct),
            "lineage" => await LineageAsync(ctx, args, ct),
            "incidents" => await IncidentsAsync(ctx, args, ct),
            "indicators" => await IndicatorsAsync(ctx, args, ct),
            "businesses" => await BusinessesAsync(ctx, args, ct),
            _ => throw new CliUsageException($"cannot import '{what}' / không nhập được '{what}'"),
        };
        ctx.Out.WriteLine(result);
        foreach (var note in result.Notes ?? []) ctx.Out.WriteLine($"  note: {note}");
        return DiaBanCli.Ok;
    }

    private static async Task<ImportResult> BoundariesAsync(CliContext ctx, CliArgs a, CancellationToken ct)
    {
        var level = a.Require("level") switch
        {
            "province" => UnitLevel.Province,
            "commune" => UnitLevel.Commune,
            var other => throw new CliUsageException($"--level '{other}' must be province or commune"),
        };
        var options = new BoundaryImportOptions
        {
            Level = level,
            ValidFrom = a.Date("valid-from") ?? throw new CliUsageException("missing --valid-from / thiếu ngày hiệu lực"),
            ValidTo = a.Date("valid-to"),
            CodeField = a.Require("code-field"),
            NameField = a.Require("name-field"),
            CodeFallbackField = a.Option("code-fallback-field"),
            ParentCodeField = a.Option("parent-code-field"),
            PopulationField = a.Option("population-field"),
            KindField = a.Option("kind-field"),
            Epsg = Crs(a),
        };
        var file = a.File("boundary file");
        a.ThrowIfUnused();
        await using var db = await ctx.OpenDbAsync(ct);
        return await new BoundaryImporter(db, ctx.Progress).ImportAsync(file, options, ct);
    }

    private static async Task<ImportResult> LineageAsync(CliContext ctx, CliArgs a, CancellationToken ct)
    {
        var date = a.Date("switch-date") ?? throw new CliUsageException("missing --switch-date (e.g. 2025-07-01)");
        var province = a.Option("new-province");
        var file = a.File("crosswalk CSV");
        a.ThrowIfUnused();
        await using var db = await ctx.OpenDbAsync(ct);
        return await new LineageImporter(db, ctx.Progress).ImportAsync(file, date, province, ct);
    }

    private static async Task<ImportResult> IncidentsAsync(CliContext ctx, CliArgs a, CancellationToken ct)
    {
        var crs = Crs(a);
        var province = a.Option("province");
        var file = a.File("incident file");
        a.ThrowIfUnused();
        await using var db = await ctx.OpenDbAsync(ct);
        return await new IncidentImporter(db, ctx.Progress).ImportAsync(file, crs, province, ct);
    }

    private static async Task<ImportResult> IndicatorsAsync(CliContext ctx, CliArgs a, CancellationToken ct)
    {
        var file = a.File("indicator file");
        a.ThrowIfUnused();
        await using var db = await ctx.OpenDbAsync(ct);
        return await new IndicatorImporter(db, ctx.Progress).ImportAsync(file, ct);
    }

    private static async Task<ImportResult> BusinessesAsync(CliContext ctx, CliArgs a, CancellationToken ct)
    {
        var crs = Crs(a);
        var file = a.File("business file");
        a.ThrowIfUnused();
        await using var db = await ctx.OpenDbAsync(ct);
        return await new BusinessImporter(db, ctx.Progress).ImportAsync(file, crs, ct);
    }

    private static int? Crs(CliArgs a)
    {
        var text = a.Option("crs");
        if (text is null) return null;
        try
        {
            return CoordinateSystems.ParseCode(text);
        }
        catch (CoordinateException e)
        {
            throw new CliUsageException(e.Message);
        }
    }
}
