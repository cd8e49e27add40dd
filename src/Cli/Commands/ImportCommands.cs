using System.CommandLine;
using DiaBan.Geo.Data;
using DiaBan.Geo.Import;

namespace DiaBan.Cli.Commands;

/// <summary>`diaban import boundaries|lineage|incidents|indicators|businesses|targets|routes &lt;file&gt; …`: one transaction per file.</summary>
public sealed class ImportCommands : ICommandGroup
{
    public string Name => "import";

    public Command Build()
    {
        var import = new Command(Name,
            "import boundaries, lineage, incidents, indicators, businesses, targets, routes / nhập dữ liệu.\n" +
            "A file with any bad row changes nothing; every bad row is listed as file:row:field: message.\n" +
            "Tệp có dòng lỗi sẽ không được nhập; mỗi lỗi được ghi dạng tệp:dòng:cột: nội dung. See data/README.md.");
        import.Subcommands.Add(Boundaries());
        import.Subcommands.Add(Lineage());
        import.Subcommands.Add(Incidents());
        import.Subcommands.Add(Indicators());
        import.Subcommands.Add(Businesses());
        import.Subcommands.Add(Targets());
        import.Subcommands.Add(Routes());
        return import;
    }

    private static Argument<string> FileArgument(string name, string description) => new(name) { Description = description };

    // one option for every table import that can set bad rows aside (data/README.md, "Rejects")
    private static Option<string> Rejects() => CliOptions.Text("--rejects",
        "load the good rows and write each bad row with its reason to this CSV; without it one bad row refuses the file / " +
        "nhập các dòng đúng, ghi các dòng lỗi kèm lý do vào tệp CSV này", "FILE.csv");

    private static Command Boundaries()
    {
        var file = FileArgument("file", "a GeoJSON file or a Shapefile (.shp) / tệp ranh giới");
        var level = CliOptions.Choice("--level", "administrative level / cấp hành chính", ["province", "district", "commune"], required: true);
        var validFrom = CliOptions.Date("--valid-from", "first day the units are in force / ngày bắt đầu hiệu lực", required: true);
        var validTo = CliOptions.Date("--valid-to", "first day they are no longer in force (exclusive) / ngày hết hiệu lực (không bao gồm)");
        var codeField = CliOptions.Text("--code-field", "attribute holding the unit code / cột mã đơn vị", required: true);
        var nameField = CliOptions.Text("--name-field", "attribute holding the name / cột tên", required: true);
        var codeFallback = CliOptions.Text("--code-fallback-field", "attribute used when the code is empty / cột mã dự phòng");
        var parentCode = CliOptions.Text("--parent-code-field", "attribute holding the parent unit's code / cột mã đơn vị cấp trên");
        var districtCode = CliOptions.Text("--district-code-field",
            "communes before 2025-07-01: attribute holding the district's code (without it: the district covering the commune) / cột mã huyện");
        var population = CliOptions.Text("--population-field", "attribute holding the population / cột dân số");
        var kind = CliOptions.Text("--kind-field", "attribute holding the unit kind (xã, phường, …) / cột loại đơn vị");
        var crs = CliOptions.Crs("the file's coordinate system; a Shapefile without .prj needs it / hệ tọa độ");
        var where = CliOptions.Parsed<(string Field, string Value)>("--where",
            "import only the features whose attribute equals the value, e.g. provinceCode=80 / chỉ nhập đối tượng có thuộc tính bằng giá trị",
            "FIELD=VALUE", false, text => text.IndexOf('=') is > 0 and var i && i < text.Length - 1
                ? (text[..i].Trim(), text[(i + 1)..].Trim())
                : throw new FormatException($"--where '{text}' is not FIELD=VALUE / sai dạng THUỘC_TÍNH=GIÁ_TRỊ"));
        var supersede = new Option<bool>("--supersede")
        {
            Description = "close the existing units the new ones overlap at --valid-from instead of refusing / " +
                "kết thúc hiệu lực các đơn vị cũ bị chồng lấn từ ngày --valid-from",
        };
        var command = new Command("boundaries", "administrative boundaries / ranh giới đơn vị hành chính")
        {
            file, level, validFrom, validTo, codeField, nameField, codeFallback, parentCode, districtCode, population, kind, crs, where, supersede,
        };
        CliAction.Set(command, (ctx, p, ct) => ImportAsync(ctx, p.GetValue(file)!, (db, progress) => new BoundaryImporter(db, progress).ImportAsync(p.GetValue(file)!, new BoundaryImportOptions
        {
            Level = p.GetValue(level) switch { "province" => UnitLevel.Province, "district" => UnitLevel.District, _ => UnitLevel.Commune },
            ValidFrom = p.GetValue(validFrom)!.Value,
            ValidTo = p.GetValue(validTo),
            CodeField = p.GetValue(codeField)!,
            NameField = p.GetValue(nameField)!,
            CodeFallbackField = p.GetValue(codeFallback),
            ParentCodeField = p.GetValue(parentCode),
            DistrictCodeField = p.GetValue(districtCode),
            PopulationField = p.GetValue(population),
            KindField = p.GetValue(kind),
            Epsg = p.GetValue(crs),
            WhereField = p.GetValue(where)?.Field,
            WhereValue = p.GetValue(where)?.Value,
            Supersede = p.GetValue(supersede),
        }, ct), ct, refreshGrid: true));
        return command;
    }

    private static Command Lineage()
    {
        var file = FileArgument("file", "crosswalk CSV: old_commune_code,new_commune_code,merge_type (full|partial); area shares from geometry");
        var switchDate = CliOptions.Date("--switch-date", "the day the new units take over (e.g. 2025-07-01) / ngày sáp nhập", required: true);
        var newProvince = CliOptions.Text("--new-province", "code of the province the new units belong to / mã tỉnh mới", "CODE");
        var command = new Command("lineage", "which old commune went into which new one / liên kết xã cũ – xã mới") { file, switchDate, newProvince };
        CliAction.Set(command, (ctx, p, ct) => ImportAsync(ctx, p.GetValue(file)!, (db, progress) => new LineageImporter(db, progress)
            .ImportAsync(p.GetValue(file)!, p.GetValue(switchDate)!.Value, p.GetValue(newProvince), ct), ct));
        return command;
    }

    private static Command Incidents()
    {
        var file = FileArgument("file", "CSV or XLSX: id,occurred_on,kind,lon,lat (or x,y with --crs),persons,plants,area_m2,source");
        var crs = CliOptions.Crs();
        var province = CliOptions.Text("--province", "refuse points outside this province / chỉ nhận điểm trong tỉnh này", "CODE");
        var rejects = Rejects();
        var command = new Command("incidents", "drug incidents / vụ việc") { file, crs, province, rejects };
        CliAction.Set(command, (ctx, p, ct) => ImportAsync(ctx, p.GetValue(file)!, (db, progress) => new IncidentImporter(db, progress)
            .ImportAsync(p.GetValue(file)!, p.GetValue(crs), p.GetValue(province), p.GetValue(rejects), ct), ct));
        return command;
    }

    private static Command Indicators()
    {
        var file = FileArgument("file",
            "CSV or XLSX: commune_code,year and any of population_resident,users_addicts_managed,harbouring_places_active_at_end," +
            "harbouring_places_detected_in_period,offenders_arrested,plants_destroyed_count,plants_destroyed_m2,on_key_route (none|intra|inter),hotspots");
        var rejects = Rejects();
        var command = new Command("indicators", "yearly commune indicators / chỉ tiêu hằng năm của xã") { file, rejects };
        CliAction.Set(command, (ctx, p, ct) => ImportAsync(ctx, p.GetValue(file)!, (db, progress) => new IndicatorImporter(db, progress)
            .ImportAsync(p.GetValue(file)!, p.GetValue(rejects), ct), ct));
        return command;
    }

    private static Command Businesses()
    {
        var file = FileArgument("file", "CSV or XLSX: id,kind (karaoke|bar|hotel|other),name,opened_on,closed_on,lon,lat (or x,y)");
        var crs = CliOptions.Crs();
        var rejects = Rejects();
        var command = new Command("businesses", "conditional businesses (karaoke, bars, hotels) / cơ sở kinh doanh có điều kiện") { file, crs, rejects };
        CliAction.Set(command, (ctx, p, ct) => ImportAsync(ctx, p.GetValue(file)!, (db, progress) => new BusinessImporter(db, progress)
            .ImportAsync(p.GetValue(file)!, p.GetValue(crs), p.GetValue(rejects), ct), ct));
        return command;
    }

    private static Command Targets()
    {
        var file = FileArgument("file",
            "CSV or XLSX: scope_level,scope_codes,year,indicator,key_type,comparison,direction,value,legal_basis,document_number,note (docs/planning.md)");
        var command = new Command("targets", "plan targets / chỉ tiêu kế hoạch") { file };
        CliAction.Set(command, (ctx, p, ct) => ImportAsync(ctx, p.GetValue(file)!, (db, progress) => new TargetImporter(db, progress).ImportAsync(p.GetValue(file)!, ct), ct));
        return command;
    }

    private static Command Routes()
    {
        var file = FileArgument("file", "GeoJSON or Shapefile of LineString/MultiLineString features / tệp tuyến đường");
        var nameField = CliOptions.Text("--name-field", "attribute holding the route name / cột tên tuyến", required: true);
        var kindField = CliOptions.Text("--kind-field", "attribute holding intra|inter (nội tỉnh|liên tỉnh) / cột loại tuyến");
        var kind = CliOptions.Choice("--kind", "kind of every route when there is no --kind-field / loại tuyến", ["intra", "inter"], "inter");
        var bufferField = CliOptions.Text("--buffer-field", "attribute holding the corridor half-width in metres / cột bề rộng hành lang (m)");
        var buffer = CliOptions.Int("--buffer-m", "corridor half-width in metres when there is no --buffer-field (default 500) / bề rộng hành lang", "M", min: 1);
        var crs = CliOptions.Crs("the file's coordinate system; a Shapefile without .prj needs it / hệ tọa độ");
        var command = new Command("routes", "key drug routes as lines / tuyến trọng điểm về ma túy") { file, nameField, kindField, kind, bufferField, buffer, crs };
        CliAction.Set(command, (ctx, p, ct) => ImportAsync(ctx, p.GetValue(file)!, (db, progress) => new RouteImporter(db, progress).ImportAsync(p.GetValue(file)!, new RouteImportOptions
        {
            NameField = p.GetValue(nameField)!,
            KindField = p.GetValue(kindField),
            Kind = p.GetValue(kind) == "intra" ? RouteKind.Intra : RouteKind.Inter,
            BufferField = p.GetValue(bufferField),
            BufferM = p.GetValue(buffer) ?? 500,
            Epsg = p.GetValue(crs),
        }, ct), ct));
        return command;
    }

    private static async Task<int> ImportAsync(CliContext ctx, string file, Func<DiaBanDb, Action<string>, Task<ImportResult>> import, CancellationToken ct,
        bool refreshGrid = false)
    {
        await using var db = await ctx.OpenDbAsync(ct);
        var result = await ctx.Terminal.StepAsync($"importing {Path.GetFileName(file)} / đang nhập…", progress => import(db, progress));
        // new or superseded communes change the patrol grid: every size already built is rebuilt on the new boundaries
        if (refreshGrid && result.Inserted + result.Updated > 0)
            foreach (var grid in await new DiaBan.Geo.Services.GridBuilder(db).RefreshAsync(ct))
                ctx.Out.WriteLine($"grid {grid.SizeM} m rebuilt: {grid.Cells} cells in {grid.Communes} communes");
        ctx.Terminal.Table(["file", "inserted", "updated", "skipped", "rejected", "batch"],
            [[result.File, $"{result.Inserted}", $"{result.Updated}", $"{result.Skipped}", $"{result.Rejected}", result.Batch]],
            [result.ToString(), .. (result.Notes ?? []).Select(n => $"  note: {n}")],
            caption: result.Notes is { Count: > 0 } notes ? string.Join('\n', notes) : null);
        return DiaBanCli.Ok;
    }
}
